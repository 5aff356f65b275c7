import type { GuestLink } from "../../../src/domain/guest-link.js";
import type { Page, PageRequest } from "../../../src/domain/page.js";
import type { GuestLinkRepository } from "../../../src/ports/guest-link-repository.js";
import { InMemoryLinkStore } from "./in-memory-link-store.js";

/** `GuestLinkRepository` in memory, proven faithful by the same contract suite as the SQLite adapter. */
export class InMemoryGuestLinkRepository implements GuestLinkRepository {
  private readonly store = new InMemoryLinkStore<GuestLink>();

  async create(link: GuestLink): Promise<void> {
    this.store.create(link);
  }

  async get(id: string): Promise<GuestLink | undefined> {
    return this.store.get(id);
  }

  async findByTokenHash(tokenHash: string): Promise<GuestLink | undefined> {
    return this.store.findByTokenHash(tokenHash);
  }

  async listByEvent(eventId: string, page: PageRequest): Promise<Page<GuestLink>> {
    return this.store.list((link) => link.eventId === eventId, page);
  }

  async revoke(id: string, at: Date): Promise<GuestLink | undefined> {
    return this.store.revoke(id, at);
  }

  async delete(id: string): Promise<void> {
    this.store.delete(id);
  }

  async reserveUpload(id: string, bytes: number, now: Date): Promise<GuestLink | undefined> {
    return this.store.update(
      id,
      (link) =>
        link.revokedAt === undefined &&
        now.getTime() < link.expiresAt.getTime() &&
        (link.maxUploads === undefined || link.uploads + 1 <= link.maxUploads) &&
        (link.maxBytes === undefined || link.bytes + bytes <= link.maxBytes),
      (link) => ({ ...link, uploads: link.uploads + 1, bytes: link.bytes + bytes }),
    );
  }

  async releaseUpload(id: string, bytes: number): Promise<GuestLink | undefined> {
    return this.store.update(
      id,
      (link) => link.uploads >= 1 && link.bytes >= bytes,
      (link) => ({ ...link, uploads: link.uploads - 1, bytes: link.bytes - bytes }),
    );
  }
}
