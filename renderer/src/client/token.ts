const KEY = 'patchbay.token';

/**
 * The bridge opens the page at `/?token=…`. The token is read once, kept for this tab in
 * sessionStorage (so a reload keeps working) and removed from the address bar, where it would
 * otherwise end up in history and screenshots.
 */
export function takeSessionToken(loc: Location = window.location, storage: Storage = window.sessionStorage): string | null {
  const url = new URL(loc.href);
  const fromQuery = url.searchParams.get('token');
  if (fromQuery) {
    storage.setItem(KEY, fromQuery);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    return fromQuery;
  }
  return storage.getItem(KEY);
}
