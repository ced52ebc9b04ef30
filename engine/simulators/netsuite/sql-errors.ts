/** A query the simulator cannot run; answered as NetSuite's INVALID_PARAMETER search error. */
export class SqlError extends Error {}
