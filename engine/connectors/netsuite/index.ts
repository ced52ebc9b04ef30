export { NetSuiteClient, latestModified } from './client';
export type { FetchOrdersOptions, FetchStrategy, OrderPage } from './fetch-orders';
export { customFieldsFromSchema } from './metadata';
export { orderFromRows, stripLinks } from './normalize';
export type { WriteKind, WriteResult, WriteSpec } from './records';
export { buildQuery, canonicalAccountId, netSuiteBaseUrl, signRequest } from './signing';
export type { NetSuiteErrorCode, NetSuiteErrorDetails } from './errors';
export type { PreparedRequest } from './transport';
export type { CustomFieldInfo, JsonObject, NetSuiteClientOptions, NetSuiteCredentials, PurchaseOrder, RequestEvent } from './types';
