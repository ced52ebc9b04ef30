/**
 * The largest request body the bridge reads (larger ones are refused with payload_too_large).
 * Shared so the renderer can refuse a pasted or uploaded document that could never be sent before
 * it spends seconds parsing and drawing it.
 */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;
