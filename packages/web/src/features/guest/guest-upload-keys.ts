/** One upload this browser made through a guest link, with the secret that lets it delete the upload. */
export interface GuestUploadKey {
  photoId: string;
  deleteKey: string;
  filename: string;
  /** When the ticket was issued (ISO), for ordering. */
  addedAt: string;
}

const PREFIX = "shoebox.guest-uploads.";

/**
 * The delete keys of a guest's uploads, kept in this browser's localStorage per link token: only the
 * browser that uploaded can delete, and only while the link is active (the server checks that). Storage
 * that is unavailable or full only loses the ability to delete later, never an upload.
 */
export class GuestUploadKeys {
  private readonly key: string;

  constructor(
    token: string,
    private readonly storage: Storage | undefined = globalThis.localStorage,
  ) {
    this.key = `${PREFIX}${token}`;
  }

  all(): GuestUploadKey[] {
    try {
      const parsed: unknown = JSON.parse(this.storage?.getItem(this.key) ?? "[]");
      return Array.isArray(parsed) ? parsed.filter(isGuestUploadKey) : [];
    } catch {
      return [];
    }
  }

  keyOf(photoId: string): string | undefined {
    return this.all().find((entry) => entry.photoId === photoId)?.deleteKey;
  }

  add(entry: GuestUploadKey): void {
    this.write([...this.all().filter((e) => e.photoId !== entry.photoId), entry]);
  }

  remove(photoId: string): void {
    this.write(this.all().filter((entry) => entry.photoId !== photoId));
  }

  private write(entries: GuestUploadKey[]): void {
    try {
      this.storage?.setItem(this.key, JSON.stringify(entries));
    } catch {
      // Private mode or a full quota: the upload itself is unaffected.
    }
  }
}

function isGuestUploadKey(value: unknown): value is GuestUploadKey {
  const entry = value as Partial<GuestUploadKey> | null;
  return (
    typeof entry?.photoId === "string" &&
    typeof entry.deleteKey === "string" &&
    typeof entry.filename === "string" &&
    typeof entry.addedAt === "string"
  );
}
