// The simulated account's data: purchase orders with lines, plus the lists they reference. Values
// are kept in their record-API form so rendering is direct; SuiteQL derives its columns from them.

export type Profile = 'seed' | 'legacy';

export interface ListValue {
  readonly id: string;
  readonly name: string;
}

export interface CustomFieldDef {
  readonly id: string;
  readonly scope: 'body' | 'line';
  readonly label: string;
  readonly type: 'text' | 'select' | 'checkbox' | 'date' | 'decimal' | 'integer';
  /** For selects: the list (or record type) the value comes from. */
  readonly list?: { readonly recordType: string; readonly values: readonly ListValue[] } | undefined;
  readonly filterable: boolean;
}

/** A select value is stored as its id; text as string; checkbox as boolean; date as YYYY-MM-DD. */
export type CustomValue = string | number | boolean;

export interface SimLine {
  line: number;
  itemId: string;
  description: string;
  quantity: number;
  rate: number;
  quantityReceived: number;
  quantityBilled: number;
  isClosed: boolean;
  custom: Record<string, CustomValue>;
}

export interface SimOrder {
  id: number;
  tranId: string;
  tranDate: string;
  externalId?: string | undefined;
  entityId: string;
  subsidiaryId: string;
  currencyId: string;
  email?: string | undefined;
  memo?: string | undefined;
  /** Letter code A–H (reference §3b). */
  statusCode: string;
  exchangeRate: number;
  createdMs: number;
  modifiedMs: number;
  custom: Record<string, CustomValue>;
  lines: SimLine[];
}

export interface Vendor {
  readonly id: string;
  readonly name: string;
  readonly email: string;
}

export interface Item {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly type: string;
  readonly rate: number;
}

export interface AccountSpec {
  readonly accountId: string;
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly tokenId: string;
  readonly tokenSecret: string;
  readonly orders?: number | undefined;
  readonly seed?: number | undefined;
  readonly profile?: Profile | undefined;
  /** OAuth 2.0 client credentials (M2M): the integration's client id and its certificate mappings. */
  readonly oauth2?: M2mAccountSpec | null | undefined;
}

export interface M2mAccountSpec {
  /** The integration record's client id (the assertion's `iss`). */
  readonly clientId: string;
  readonly certificates: readonly SimCertificate[];
}

/** One row of Setup > Integration > OAuth 2.0 Client Credentials (M2M) Setup. */
export interface SimCertificate {
  /** The certificate id NetSuite shows for the mapping (the assertion's `kid`). */
  readonly id: string;
  /** The uploaded certificate (X.509 PEM) or its public key (SPKI PEM). */
  readonly publicKey: string;
  /** When the certificate stops being valid; from the certificate itself when it is X.509. */
  readonly notAfterMs?: number | undefined;
  /** Scopes the mapping allows; defaults to rest_webservices. */
  readonly scopes?: readonly string[] | undefined;
}

export interface SimAccount {
  readonly spec: Required<Omit<AccountSpec, 'orders' | 'seed' | 'profile'>> & { orders: number; seed: number; profile: Profile };
  readonly vendors: ReadonlyMap<string, Vendor>;
  readonly items: ReadonlyMap<string, Item>;
  readonly subsidiaries: ReadonlyMap<string, string>;
  readonly currencies: ReadonlyMap<string, string>;
  readonly customFields: readonly CustomFieldDef[];
  /** Sorted by id (ascending); ids are never reused. */
  readonly orders: Map<number, SimOrder>;
  nextId: number;
  /** Bumped on every write; SuiteQL result caches key on it. */
  version: number;
}

export const statusLabels: Readonly<Record<string, string>> = {
  A: 'Pending Supervisor Approval',
  B: 'Pending Receipt',
  C: 'Rejected by Supervisor',
  D: 'Partially Received',
  E: 'Pending Billing/Partially Received',
  F: 'Pending Bill',
  G: 'Fully Billed',
  H: 'Closed',
};

export function lineAmount(l: SimLine): number {
  return Math.round(l.quantity * l.rate * 100) / 100;
}

export function orderTotal(o: SimOrder): number {
  return Math.round(o.lines.reduce((s, l) => s + lineAmount(l), 0) * 100) / 100;
}

export function selectName(field: CustomFieldDef, id: CustomValue): string | undefined {
  return field.list?.values.find((v) => v.id === String(id))?.name;
}
