/** The app's screens and the paths that lead to them. The host serves `index.html` for each. */
export type Route =
  | { name: "events" }
  | { name: "event"; eventId: string; tab: EventTab }
  | { name: "library" }
  | { name: "links" }
  | { name: "join"; inviteCode: string }
  /** A printable table card with the event's QR code (`/events/{id}/card`). */
  | { name: "tableCard"; eventId: string }
  | { name: "guest"; token: string }
  | { name: "signIn" }
  | { name: "notFound" };

export const EVENT_TABS = ["photos", "people", "review", "links"] as const;
export type EventTab = (typeof EVENT_TABS)[number];

/** Which screen a path shows. */
export function matchRoute(pathname: string): Route {
  const parts = pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const [first, second, third] = parts;
  if (parts.length === 0 || (first === "events" && parts.length === 1)) return { name: "events" };
  if (first === "events" && second && third === "card" && parts.length === 3) {
    return { name: "tableCard", eventId: second };
  }
  if (first === "events" && second && parts.length <= 3) {
    const tab = EVENT_TABS.find((candidate) => candidate === (third ?? "photos"));
    if (tab) return { name: "event", eventId: second, tab };
  }
  if (first === "library" && parts.length === 1) return { name: "library" };
  if (first === "links" && parts.length === 1) return { name: "links" };
  if (first === "join" && second && parts.length === 2) return { name: "join", inviteCode: second };
  if (first === "g" && second && parts.length === 2) return { name: "guest", token: second };
  if (first === "sign-in" && parts.length === 1) return { name: "signIn" };
  return { name: "notFound" };
}

/** Paths, built in one place so links and routes agree. */
export const paths = {
  events: () => "/events",
  event: (eventId: string, tab: EventTab = "photos") =>
    `/events/${encodeURIComponent(eventId)}${tab === "photos" ? "" : `/${tab}`}`,
  library: () => "/library",
  links: () => "/links",
  tableCard: (eventId: string) => `/events/${encodeURIComponent(eventId)}/card`,
  join: (inviteCode: string) => `/join/${encodeURIComponent(inviteCode)}`,
  signIn: (returnTo?: string) => (returnTo ? `/sign-in?next=${encodeURIComponent(returnTo)}` : "/sign-in"),
};
