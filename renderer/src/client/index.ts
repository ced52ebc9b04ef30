export type { Transport } from './types';
export { EngineCallError, errorCode, errorMessage, toEngineCallError } from './errors';
export { acceptToFilters, desktopApi, type DesktopApi } from './desktop';
