import type { SqliteLinkTable } from "./sqlite-link-table.js";

/**
 * The four operations share-link and guest-link repositories answer alike, over their `SqliteLinkTable`
 * (the ports are async; SQLite answers synchronously). Each subclass adds its own list (by owner, by event)
 * and what only it has (a guest link's upload reservation).
 */
export abstract class SqliteLinkRepository<Link extends { id: string; createdAt: Date }, Row extends object> {
  protected constructor(protected readonly links: SqliteLinkTable<Link, Row>) {}

  async create(link: Link): Promise<void> {
    this.links.create(link);
  }

  async get(id: string): Promise<Link | undefined> {
    return this.links.get(id);
  }

  async findByTokenHash(tokenHash: string): Promise<Link | undefined> {
    return this.links.findByTokenHash(tokenHash);
  }

  async delete(id: string): Promise<void> {
    this.links.delete(id);
  }

  async revoke(id: string, at: Date): Promise<Link | undefined> {
    return this.links.revoke(id, at);
  }
}
