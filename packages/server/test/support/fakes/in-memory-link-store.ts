import { decodeSortKeyCursor, keysetPage, type SortKey } from "../../../src/domain/cursor.js";
import { ConflictError } from "../../../src/domain/errors.js";
import { assertPageRequest, type Page, type PageRequest } from "../../../src/domain/page.js";
import { compareSortKeys, copyDefined } from "./copies.js";

interface StoredLink {
  id: string;
  tokenHash: string;
  createdAt: Date;
  revokedAt?: Date;
}

const newestFirst = (link: StoredLink): SortKey => [link.createdAt.getTime(), link.id];

/**
 * What the share-link and guest-link fakes have in common: unique ids and token hashes, newest-first keyset
 * lists, revocation that keeps the first time. Returns copies only.
 */
export class InMemoryLinkStore<L extends StoredLink> {
  private readonly links = new Map<string, L>();

  create(link: L): void {
    const taken = [...this.links.values()].some((l) => l.id === link.id || l.tokenHash === link.tokenHash);
    if (taken) throw new ConflictError("A link with this id or token already exists");
    this.links.set(link.id, copyDefined(link));
  }

  get(id: string): L | undefined {
    const link = this.links.get(id);
    return link === undefined ? undefined : copyDefined(link);
  }

  findByTokenHash(tokenHash: string): L | undefined {
    const link = [...this.links.values()].find((l) => l.tokenHash === tokenHash);
    return link === undefined ? undefined : copyDefined(link);
  }

  list(include: (link: L) => boolean, page: PageRequest): Page<L> {
    assertPageRequest(page);
    const after = page.cursor === undefined ? undefined : decodeSortKeyCursor(page.cursor);
    const rows = [...this.links.values()]
      .filter((l) => include(l) && (after === undefined || compareSortKeys(newestFirst(l), after) < 0))
      .sort((a, b) => compareSortKeys(newestFirst(b), newestFirst(a)))
      .slice(0, page.limit + 1);
    return keysetPage(rows, page.limit, (l) => copyDefined(l), newestFirst);
  }

  delete(id: string): void {
    this.links.delete(id);
  }

  /** Ids of the stored links `include` picks (whatever their order). */
  idsWhere(include: (link: L) => boolean): string[] {
    return [...this.links.values()].filter(include).map((link) => link.id);
  }

  /** Revokes once (a second revoke keeps the first time); returns the link as it now is. */
  revoke(id: string, at: Date): L | undefined {
    return (
      this.update(
        id,
        (link) => link.revokedAt === undefined,
        (link) => ({ ...link, revokedAt: at }),
      ) ?? this.get(id)
    );
  }

  /** Applies `change` to the stored link when `when` holds; returns the link afterwards (copy). */
  update(id: string, when: (link: L) => boolean, change: (link: L) => L): L | undefined {
    const link = this.links.get(id);
    if (link === undefined || !when(link)) return undefined;
    const next = copyDefined(change(link));
    this.links.set(id, next);
    return copyDefined(next);
  }
}
