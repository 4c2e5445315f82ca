const TOKEN_KEY = 'eakte.token';

/**
 * Browser mode opens the page as `/#token=…`. The token is read once, kept in sessionStorage (gone
 * with the tab) and removed from the visible address, so it is not bookmarked, shared or screenshotted.
 */
export function takeToken(loc: Pick<Location, 'hash' | 'pathname' | 'search'>, history: Pick<History, 'replaceState'>, storage: Storage): string | null {
  const match = /^#token=([^&]+)$/.exec(loc.hash);
  if (match?.[1]) {
    storage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    history.replaceState(null, '', `${loc.pathname}${loc.search}`);
  }
  return storage.getItem(TOKEN_KEY);
}
