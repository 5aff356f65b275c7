import { type AnchorHTMLAttributes, type MouseEvent, useEffect, useSyncExternalStore } from "react";

/**
 * A router of a dozen lines: the History API and `useSyncExternalStore`. The app has a handful of routes,
 * which a table in `routes.ts` matches; a library would cost more bytes than it saves.
 */
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("popstate", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("popstate", listener);
  };
}

const locationKey = () => `${window.location.pathname}${window.location.search}`;

/** The current path and query, re-rendering on every navigation. */
export function useLocation(): URL {
  const key = useSyncExternalStore(subscribe, locationKey);
  return new URL(key, window.location.origin);
}

/** Goes to an in-app path without reloading. `replace` keeps the back button from returning here. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  window.scrollTo(0, 0);
  for (const listener of listeners) listener();
}

/** An `<a>` that navigates in the app; modified clicks (new tab, …) keep the browser's behaviour. */
export function Link({ to, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
      return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={follow} {...rest} />;
}

/** Replaces the current path once rendered (after sign-in, for instance). */
export function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}
