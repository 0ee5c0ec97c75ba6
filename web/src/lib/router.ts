/**
 * The URL holds the view: the path names the screen, the query string the map's position, time
 * window and filters, so a view can be shared by copying the address.
 */
import { useEffect, useState } from 'preact/hooks';

export interface Route {
  readonly path: string;
  readonly query: URLSearchParams;
}

const listeners = new Set<() => void>();
const notify = () => {
  for (const l of listeners) l();
};
window.addEventListener('popstate', notify);

export function currentRoute(): Route {
  return { path: location.pathname, query: new URLSearchParams(location.search) };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const l = () => setRoute(currentRoute());
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);
  return route;
}

export function navigate(path: string, query?: URLSearchParams): void {
  const search = query === undefined ? '' : query.toString();
  history.pushState(null, '', search === '' ? path : `${path}?${search}`);
  notify();
}

/** Change query keys of the current screen without a new history entry (map moves, filters). */
export function replaceQuery(changes: Record<string, string | null>): void {
  const query = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === '') query.delete(k);
    else query.set(k, v);
  }
  const search = query.toString();
  history.replaceState(null, '', search === '' ? location.pathname : `${location.pathname}?${search}`);
  notify();
}

/** Links inside the app: same-origin navigation without reloading. */
export function onLinkClick(event: MouseEvent, href: string): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  const url = new URL(href, location.href);
  navigate(url.pathname, url.searchParams);
}
