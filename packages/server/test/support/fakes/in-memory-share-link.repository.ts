import type { Page, PageRequest } from "../../../src/domain/page.js";
import type { ShareLink, ShareTarget } from "../../../src/domain/share-link.js";
import type { ShareLinkRepository } from "../../../src/ports/share-link-repository.js";
import { InMemoryLinkStore } from "./in-memory-link-store.js";

/** `ShareLinkRepository` in memory, proven faithful by the same contract suite as the SQLite adapter. */
export class InMemoryShareLinkRepository implements ShareLinkRepository {
  private readonly store = new InMemoryLinkStore<ShareLink>();

  async create(link: ShareLink): Promise<void> {
    this.store.create(link);
  }

  async get(id: string): Promise<ShareLink | undefined> {
    return this.store.get(id);
  }

  async findByTokenHash(tokenHash: string): Promise<ShareLink | undefined> {
    return this.store.findByTokenHash(tokenHash);
  }

  async listByOwner(ownerId: string, page: PageRequest): Promise<Page<ShareLink>> {
    return this.store.list((link) => link.ownerId === ownerId, page);
  }

  async revoke(id: string, at: Date): Promise<ShareLink | undefined> {
    return this.store.revoke(id, at);
  }

  async delete(id: string): Promise<void> {
    this.store.delete(id);
  }

  async deleteByTarget(target: ShareTarget): Promise<void> {
    const shows = (link: ShareLink) =>
      link.target.kind === "photo"
        ? target.kind === "photo" && link.target.photoId === target.photoId
        : target.kind === "event" && link.target.eventId === target.eventId;
    for (const id of this.store.idsWhere(shows)) this.store.delete(id);
  }
}
