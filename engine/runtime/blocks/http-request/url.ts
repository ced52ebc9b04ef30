import { PatchbayError } from '../../../errors/patchbay-error';

/** The URL a JSON API Call sends to: http(s) only, with the configured query parameters set. */
export function buildUrl(raw: string, query: Record<string, unknown>): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new PatchbayError('invalid_config', `"${raw}" is not a valid URL; include the scheme, e.g. https://api.example.com/orders, or choose a connection and use a path.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new PatchbayError('invalid_config', `Only http and https URLs can be called (got ${url.protocol}).`);
  }
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v));
  return url;
}
