import type { Page, PageRequest } from "../../domain/page.js";
import type { ShareLink, ShareTarget } from "../../domain/share-link.js";
import type { ShareLinkRepository } from "../../ports/share-link-repository.js";
import type { Database } from "./database.js";
import { applyMigrations, type Migration } from "./migrations.js";
import { SqliteLinkRepository } from "./sqlite-link-repository.js";
import { SqliteLinkTable } from "./sqlite-link-table.js";

interface ShareLinkRow {
  id: string;
  token_hash: string;
  owner_id: string;
  photo_id: string | null;
  event_id: string | null;
  allow_download: number;
  password_hash: string | null;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}

const MIGRATIONS: readonly Migration[] = [
  (db: Database) =>
    db.exec(`
      CREATE TABLE share_links (
        id TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        owner_id TEXT NOT NULL,
        photo_id TEXT,
        event_id TEXT,
        allow_download INTEGER NOT NULL,
        password_hash TEXT,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        revoked_at INTEGER,
        CHECK ((photo_id IS NULL) <> (event_id IS NULL))
      ) STRICT;
      CREATE INDEX share_links_by_owner ON share_links (owner_id, created_at DESC, id DESC);
    `),
  // Links go when their photo or event is deleted: found by target.
  (db: Database) =>
    db.exec(`
      CREATE INDEX share_links_by_photo ON share_links (photo_id) WHERE photo_id IS NOT NULL;
      CREATE INDEX share_links_by_event ON share_links (event_id) WHERE event_id IS NOT NULL;
    `),
];

const COLUMNS =
  "id, token_hash, owner_id, photo_id, event_id, allow_download, password_hash, created_at, expires_at, revoked_at";

/** Share links in the embedded host's SQLite file; the owner list is a keyset page over its index. */
export class SqliteShareLinkRepository
  extends SqliteLinkRepository<ShareLink, ShareLinkRow>
  implements ShareLinkRepository
{
  private readonly byTarget;

  private constructor(db: Database, links: SqliteLinkTable<ShareLink, ShareLinkRow>) {
    super(links);
    this.byTarget = {
      photo: db.prepare<[string]>("DELETE FROM share_links WHERE photo_id = ?"),
      event: db.prepare<[string]>("DELETE FROM share_links WHERE event_id = ?"),
    };
  }

  /** Creates the table if needed and prepares the statements. */
  static open(db: Database): SqliteShareLinkRepository {
    applyMigrations(db, "share_links", MIGRATIONS);
    return new SqliteShareLinkRepository(
      db,
      new SqliteLinkTable(db, {
        table: "share_links",
        columns: COLUMNS,
        listedBy: "owner_id",
        noun: "share link",
        toRow,
        fromRow,
      }),
    );
  }

  async listByOwner(ownerId: string, page: PageRequest): Promise<Page<ShareLink>> {
    return this.links.list(ownerId, page);
  }

  async deleteByTarget(target: ShareTarget): Promise<void> {
    if (target.kind === "photo") this.byTarget.photo.run(target.photoId);
    else this.byTarget.event.run(target.eventId);
  }
}

function toRow(link: ShareLink): ShareLinkRow {
  return {
    id: link.id,
    token_hash: link.tokenHash,
    owner_id: link.ownerId,
    photo_id: link.target.kind === "photo" ? link.target.photoId : null,
    event_id: link.target.kind === "event" ? link.target.eventId : null,
    allow_download: link.allowDownload ? 1 : 0,
    password_hash: link.passwordHash ?? null,
    created_at: link.createdAt.getTime(),
    expires_at: link.expiresAt.getTime(),
    revoked_at: link.revokedAt?.getTime() ?? null,
  };
}

function fromRow(row: ShareLinkRow): ShareLink {
  const link: ShareLink = {
    id: row.id,
    tokenHash: row.token_hash,
    ownerId: row.owner_id,
    target:
      row.photo_id !== null
        ? { kind: "photo", photoId: row.photo_id }
        : { kind: "event", eventId: row.event_id! },
    allowDownload: row.allow_download === 1,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
  };
  if (row.password_hash !== null) link.passwordHash = row.password_hash;
  if (row.revoked_at !== null) link.revokedAt = new Date(row.revoked_at);
  return link;
}
