/**
 * The ids of photos this browser uploaded through one guest link, kept in `localStorage`: they are what
 * "your photos" shows to a guest who has no account (the server answers only those this link uploaded).
 * Unavailable storage (private mode, a full quota) simply means the list lasts as long as the page.
 */
const MAX_REMEMBERED = 100;
const keyOf = (token: string) => `shoebox.guest-uploads.${token}`;

export function rememberedUploads(token: string): string[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(keyOf(token)) ?? "[]");
    return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === "string") : [];
  } catch {
    return [];
  }
}

/** Adds `photoIds` (newest last), keeping the newest `MAX_REMEMBERED`. Returns the whole list. */
export function rememberUploads(token: string, photoIds: string[]): string[] {
  const ids = [...new Set([...rememberedUploads(token), ...photoIds])].slice(-MAX_REMEMBERED);
  try {
    localStorage.setItem(keyOf(token), JSON.stringify(ids));
  } catch {}
  return ids;
}
