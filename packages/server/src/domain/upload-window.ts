import { UploadsClosedError, ValidationError } from "./errors.js";
import type { Event } from "./event.js";

/** When an event takes uploads: optional open and close times, and a switch the organizer flips by hand. */
export type UploadWindow = Pick<Event, "uploadsOpenAt" | "uploadsCloseAt" | "uploadsClosed">;

/**
 * Whether uploads are open at `now`, and if not, why: `closedByHand` (the organizer's switch wins over any
 * time), `notYetOpen` (before `uploadsOpenAt`), `closed` (at or after `uploadsCloseAt`). The open time is
 * inclusive, the close time exclusive.
 */
export type UploadWindowState =
  | { open: true; closesAt?: Date }
  | { open: false; reason: "closedByHand" }
  | { open: false; reason: "notYetOpen"; opensAt: Date }
  | { open: false; reason: "closed"; closedAt: Date };

export function uploadWindowState(window: UploadWindow, now: Date): UploadWindowState {
  if (window.uploadsClosed === true) return { open: false, reason: "closedByHand" };
  const { uploadsOpenAt: opensAt, uploadsCloseAt: closesAt } = window;
  if (opensAt !== undefined && now.getTime() < opensAt.getTime()) {
    return { open: false, reason: "notYetOpen", opensAt };
  }
  if (closesAt !== undefined && now.getTime() >= closesAt.getTime()) {
    return { open: false, reason: "closed", closedAt: closesAt };
  }
  return closesAt === undefined ? { open: true } : { open: true, closesAt };
}

/** The sentence an uploader is shown when the window is shut; `undefined` while it is open. */
export function uploadsClosedMessage(state: UploadWindowState): string | undefined {
  if (state.open) return undefined;
  switch (state.reason) {
    case "closedByHand":
      return "Uploads are closed: the organizer closed them";
    case "notYetOpen":
      return `Uploads are closed: they open at ${state.opensAt.toISOString()}`;
    case "closed":
      return `Uploads are closed: they closed at ${state.closedAt.toISOString()}`;
  }
}

/** Checks a window the organizer set: the close must come after the open. `ValidationError` otherwise. */
export function assertUploadWindow(window: UploadWindow): void {
  const { uploadsOpenAt: opensAt, uploadsCloseAt: closesAt } = window;
  if (opensAt !== undefined && closesAt !== undefined && closesAt.getTime() <= opensAt.getTime()) {
    throw new ValidationError("uploadsCloseAt must be after uploadsOpenAt");
  }
}

/** Throws `UploadsClosedError` (saying when they open or closed) unless the event takes uploads at `now`. */
export function assertUploadsOpen(window: UploadWindow, now: Date): void {
  const message = uploadsClosedMessage(uploadWindowState(window, now));
  if (message !== undefined) throw new UploadsClosedError(message);
}

/** The window as clients see it: its settings, whether it is open now, and the closed message if not. */
export interface UploadWindowView {
  open: boolean;
  opensAt?: Date;
  closesAt?: Date;
  closedByHand: boolean;
  message?: string;
}

export function uploadWindowView(window: UploadWindow, now: Date): UploadWindowView {
  const state = uploadWindowState(window, now);
  const message = uploadsClosedMessage(state);
  return {
    open: state.open,
    ...(window.uploadsOpenAt === undefined ? {} : { opensAt: window.uploadsOpenAt }),
    ...(window.uploadsCloseAt === undefined ? {} : { closesAt: window.uploadsCloseAt }),
    closedByHand: window.uploadsClosed === true,
    ...(message === undefined ? {} : { message }),
  };
}
