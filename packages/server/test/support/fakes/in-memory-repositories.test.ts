import { eventRepositoryContract } from "../contract/event-repository.contract.js";
import { guestLinkRepositoryContract } from "../contract/guest-link-repository.contract.js";
import { photoRepositoryContract } from "../contract/photo-repository.contract.js";
import { shareLinkRepositoryContract } from "../contract/share-link-repository.contract.js";
import { InMemoryEventRepository } from "./in-memory-event.repository.js";
import { InMemoryGuestLinkRepository } from "./in-memory-guest-link.repository.js";
import { InMemoryPhotoRepository } from "./in-memory-photo.repository.js";
import { InMemoryShareLinkRepository } from "./in-memory-share-link.repository.js";

// The fakes the service tests rely on must behave like the real adapters: same suite, same cases.
photoRepositoryContract("InMemoryPhotoRepository", async () => ({
  repo: new InMemoryPhotoRepository(),
  close: async () => {},
}));

eventRepositoryContract("InMemoryEventRepository", async () => ({
  repo: new InMemoryEventRepository(),
  close: async () => {},
}));

shareLinkRepositoryContract("InMemoryShareLinkRepository", async () => ({
  repo: new InMemoryShareLinkRepository(),
  close: async () => {},
}));

guestLinkRepositoryContract("InMemoryGuestLinkRepository", async () => ({
  repo: new InMemoryGuestLinkRepository(),
  close: async () => {},
}));
