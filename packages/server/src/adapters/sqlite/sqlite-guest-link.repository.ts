import type { Statement } from "better-sqlite3";
import type { GuestLink } from "../../domain/guest-link.js";
import { type GuestLinkMode, LEGACY_GUEST_LINK_MODE } from "../../domain/guest-link-mode.js";
import type { Page, PageRequest } from "../../domain/page.js";
import type { GuestLinkRepository } from "../../ports/guest-link-repository.js";
import type { Database } from "./database.js";
import { applyMigrations, type Migration } from "./migrations.js";
import { SqliteLinkRepository } from "./sqlite-link-repository.js";
import { SqliteLinkTable } from "./sqlite-link-table.js";

interface GuestLinkRow {
  id: string;
  token_hash: string;
  event_id: string;
  created_by: string;
  password_hash: string | null;
  max_uploads: number | null;
  max_bytes: number | null;
  uploads: number;
  bytes: number;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
  mode: string;
  reveal_at: number | null;
}

export const GUEST_LINK_MIGRATIONS: readonly Migration[] = [
  (db: Database) =>
    db.exec(`
      CREATE TABLE guest_links (
        id TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        event_id TEXT NOT NULL,
        created_by TEXT NOT NULL,
        password_hash TEXT,
        max_uploads INTEGER,
        max_bytes INTEGER,
        uploads INTEGER NOT NULL,
        bytes INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        revoked_at INTEGER
      ) STRICT;
      CREATE INDEX guest_links_by_event ON guest_links (event_id, created_at DESC, id DESC);
    `),
  // Guest link modes (issue #13). Links made before them stay drop boxes: LEGACY_GUEST_LINK_MODE.
  (db: Database) =>
    db.exec(`
      ALTER TABLE guest_links ADD COLUMN mode TEXT NOT NULL DEFAULT '${LEGACY_GUEST_LINK_MODE}';
      ALTER TABLE guest_links ADD COLUMN reveal_at INTEGER;
    `),
];

const COLUMNS =
  "id, token_hash, event_id, created_by, password_hash, max_uploads, max_bytes, uploads, bytes, created_at, expires_at, revoked_at, mode, reveal_at";

/**
 * Guest-upload links in the embedded host's SQLite file. `reserveUpload` is one conditional UPDATE, so the
 * caps hold however many uploads race for the last slot.
 */
export class SqliteGuestLinkRepository
  extends SqliteLinkRepository<GuestLink, GuestLinkRow>
  implements GuestLinkRepository
{
  private readonly reserve: Statement<{ id: string; bytes: number; now: number }, GuestLinkRow>;
  private readonly release: Statement<{ id: string; bytes: number }, GuestLinkRow>;

  private constructor(db: Database, links: SqliteLinkTable<GuestLink, GuestLinkRow>) {
    super(links);
    this.reserve = db.prepare(
      `UPDATE guest_links SET uploads = uploads + 1, bytes = bytes + @bytes
       WHERE id = @id AND revoked_at IS NULL AND expires_at > @now
         AND (max_uploads IS NULL OR uploads + 1 <= max_uploads)
         AND (max_bytes IS NULL OR bytes + @bytes <= max_bytes)
       RETURNING ${COLUMNS}`,
    );
    this.release = db.prepare(
      `UPDATE guest_links SET uploads = uploads - 1, bytes = bytes - @bytes
       WHERE id = @id AND uploads >= 1 AND bytes >= @bytes
       RETURNING ${COLUMNS}`,
    );
  }

  /** Creates the table if needed and prepares the statements. */
  static open(db: Database): SqliteGuestLinkRepository {
    applyMigrations(db, "guest_links", GUEST_LINK_MIGRATIONS);
    const links = new SqliteLinkTable(db, {
      table: "guest_links",
      columns: COLUMNS,
      listedBy: "event_id",
      noun: "guest link",
      toRow,
      fromRow,
    });
    return new SqliteGuestLinkRepository(db, links);
  }

  async listByEvent(eventId: string, page: PageRequest): Promise<Page<GuestLink>> {
    return this.links.list(eventId, page);
  }

  async reserveUpload(id: string, bytes: number, now: Date): Promise<GuestLink | undefined> {
    return this.links.mapped(this.reserve.get({ id, bytes, now: now.getTime() }));
  }

  async releaseUpload(id: string, bytes: number): Promise<GuestLink | undefined> {
    return this.links.mapped(this.release.get({ id, bytes }));
  }
}

function toRow(link: GuestLink): GuestLinkRow {
  return {
    id: link.id,
    token_hash: link.tokenHash,
    event_id: link.eventId,
    created_by: link.createdBy,
    password_hash: link.passwordHash ?? null,
    max_uploads: link.maxUploads ?? null,
    max_bytes: link.maxBytes ?? null,
    uploads: link.uploads,
    bytes: link.bytes,
    created_at: link.createdAt.getTime(),
    expires_at: link.expiresAt.getTime(),
    revoked_at: link.revokedAt?.getTime() ?? null,
    mode: link.mode,
    reveal_at: link.revealAt?.getTime() ?? null,
  };
}

function fromRow(row: GuestLinkRow): GuestLink {
  const link: GuestLink = {
    id: row.id,
    tokenHash: row.token_hash,
    eventId: row.event_id,
    createdBy: row.created_by,
    uploads: row.uploads,
    bytes: row.bytes,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
    mode: row.mode as GuestLinkMode,
  };
  if (row.password_hash !== null) link.passwordHash = row.password_hash;
  if (row.max_uploads !== null) link.maxUploads = row.max_uploads;
  if (row.max_bytes !== null) link.maxBytes = row.max_bytes;
  if (row.revoked_at !== null) link.revokedAt = new Date(row.revoked_at);
  if (row.reveal_at !== null) link.revealAt = new Date(row.reveal_at);
  return link;
}
