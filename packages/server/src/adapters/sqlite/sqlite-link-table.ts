import type { Statement } from "better-sqlite3";
import { decodeSortKeyCursor, keysetPage, type SortKey } from "../../domain/cursor.js";
import { ConflictError } from "../../domain/errors.js";
import { assertPageRequest, type Page, type PageRequest } from "../../domain/page.js";
import type { Database } from "./database.js";
import { namedParameters } from "./named-parameters.js";
import { isConstraintViolation } from "./sqlite-errors.js";

/** What every link table shares: a unique token hash, a revocation time and a newest-first list. */
interface LinkShape {
  id: string;
  createdAt: Date;
}

export interface LinkTableOptions<Link extends LinkShape, Row extends object> {
  table: string;
  /** Comma-separated column list; rows are bound by name (`@column`). */
  columns: string;
  /** The column a list is scoped by (an owner, an event), indexed with `created_at DESC, id DESC`. */
  listedBy: string;
  /** Names the link in a conflict message ("share link"). */
  noun: string;
  toRow: (link: Link) => Row;
  fromRow: (row: Row) => Link;
}

/**
 * The statements and mappings share links and guest links have in common, so each repository keeps only
 * what is its own (guest links' upload reservation).
 */
export class SqliteLinkTable<Link extends LinkShape, Row extends object> {
  private readonly insert: Statement<Row>;
  private readonly byId: Statement<[string], Row>;
  private readonly byToken: Statement<[string], Row>;
  private readonly first: Statement<[string, number], Row>;
  private readonly after: Statement<[string, number, string, number], Row>;
  private readonly revokeStatement: Statement<[number, string]>;
  private readonly deleteStatement: Statement<[string]>;

  constructor(
    db: Database,
    private readonly options: LinkTableOptions<Link, Row>,
  ) {
    const { table, columns, listedBy } = options;
    const select = `SELECT ${columns} FROM ${table}`;
    this.insert = db.prepare<Row>(`INSERT INTO ${table} (${columns}) VALUES (${namedParameters(columns)})`);
    this.byId = db.prepare<[string], Row>(`${select} WHERE id = ?`);
    this.byToken = db.prepare<[string], Row>(`${select} WHERE token_hash = ?`);
    this.first = db.prepare<[string, number], Row>(
      `${select} WHERE ${listedBy} = ? ORDER BY created_at DESC, id DESC LIMIT ?`,
    );
    this.after = db.prepare<[string, number, string, number], Row>(
      `${select} WHERE ${listedBy} = ? AND (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC LIMIT ?`,
    );
    this.deleteStatement = db.prepare<[string]>(`DELETE FROM ${table} WHERE id = ?`);
    this.revokeStatement = db.prepare<[number, string]>(
      `UPDATE ${table} SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`,
    );
  }

  create(link: Link): void {
    try {
      this.insert.run(this.options.toRow(link));
    } catch (error) {
      if (isConstraintViolation(error, "PRIMARYKEY") || isConstraintViolation(error, "UNIQUE")) {
        throw new ConflictError(`A ${this.options.noun} with this id or token already exists`);
      }
      throw error;
    }
  }

  get(id: string): Link | undefined {
    return this.mapped(this.byId.get(id));
  }

  findByTokenHash(tokenHash: string): Link | undefined {
    return this.mapped(this.byToken.get(tokenHash));
  }

  /** Newest first, scoped by `listedBy`, as a keyset page. */
  list(scope: string, page: PageRequest): Page<Link> {
    assertPageRequest(page);
    const rows =
      page.cursor === undefined
        ? this.first.all(scope, page.limit + 1)
        : this.after.all(scope, ...decodeSortKeyCursor(page.cursor), page.limit + 1);
    return keysetPage(rows, page.limit, this.options.fromRow, (l): SortKey => [l.createdAt.getTime(), l.id]);
  }

  /** Revokes once (a second revoke keeps the first time); returns the link as it now is. */
  revoke(id: string, at: Date): Link | undefined {
    this.revokeStatement.run(at.getTime(), id);
    return this.get(id);
  }

  /** The token hash is a column of the row: it goes with it. */
  delete(id: string): void {
    this.deleteStatement.run(id);
  }

  mapped(row: Row | undefined): Link | undefined {
    return row === undefined ? undefined : this.options.fromRow(row);
  }
}
