import { useEffect, useMemo, useState } from "react";
import "./invite.css";
import { useServices } from "../../app/services.js";
import { ErrorMessage } from "../../ui/status-message.js";
import { formatDateTime } from "../events/format-date.js";
import type { GuestLinkInfo } from "../sharing/sharing-types.js";
import type { UploadItem } from "../upload/upload-queue.js";
import { type GuestPhoto, inviteApi } from "./invite-api.js";

/** Upload states after which the guest's photo is in the store (it shows once processed). */
const DELIVERED = new Set<UploadItem["state"]>(["sent", "ready", "processing"]);
/** As many of the newest own uploads as the API shows in one answer (`GUEST_OWN_PHOTOS_MAX`). */
const MAX_OWN_SHOWN = 100;
const POLL_MS = 2000;
const MAX_POLLS = 30;

/**
 * What a guest sees below the upload form, by the link's mode: always "your photos" (those this browser
 * uploaded: `ownPhotoIds`, from the delete keys the guest page keeps); the event's photos when the link
 * opens the gallery (now, or from its reveal time).
 */
export function GuestGallery({
  token,
  info,
  items,
  ownPhotoIds,
  password,
}: {
  token: string;
  info: GuestLinkInfo;
  items: readonly UploadItem[];
  ownPhotoIds: readonly string[];
  password: () => string | undefined;
}) {
  const { api } = useServices();
  const invites = useMemo(() => inviteApi(api), [api]);
  const delivered = items
    .filter((item) => item.photoId && DELIVERED.has(item.state))
    .map((item) => item.photoId!);
  const deliveredKey = delivered.join(",");
  const ownKey = ownPhotoIds.slice(-MAX_OWN_SHOWN).join(",");
  const [mine, setMine] = useState<GuestPhoto[]>([]);
  const [event, setEvent] = useState<GuestPhoto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const locked = info.passwordRequired && !password();

  // biome-ignore lint/correctness/useExhaustiveDependencies: reloads when another upload is delivered or deleted
  useEffect(() => {
    const ids = ownKey ? ownKey.split(",") : [];
    if (locked) return;
    let polls = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let current = true;
    const load = async () => {
      try {
        const own =
          ids.length > 0 ? (await invites.guestPhotos(token, { mine: ids, password: password() })).items : [];
        const gallery = info.galleryOpen
          ? (await invites.guestPhotos(token, { password: password() })).items
          : null;
        if (!current) return;
        setMine(own);
        setEvent(gallery);
        setError(null);
        // Uploads still being processed appear a moment later.
        if (own.length < ids.length && ++polls < MAX_POLLS) timer = setTimeout(load, POLL_MS);
      } catch (caught) {
        if (current) setError(caught instanceof Error ? caught.message : String(caught));
      }
    };
    void load();
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [invites, token, deliveredKey, ownKey, info.galleryOpen, locked]);

  const hasRemembered = ownPhotoIds.length > 0;
  return (
    <section className="guest-gallery stack" aria-label="Photos you can see">
      {(mine.length > 0 || hasRemembered) && (
        <div>
          <h2>Your photos</h2>
          <PhotoGrid photos={mine} label="Your photos" empty="Your photos appear here once processed." />
        </div>
      )}
      {info.mode === "upload_only" && (
        <p className="muted guest-mode-note">
          This link is a drop box: your photos go to the organizer, and only you see the ones you added from
          this browser.
        </p>
      )}
      {!info.galleryOpen && info.mode === "view_after_reveal" && (
        <p className="muted guest-mode-note">
          The event's photos open to guests on {formatDateTime(info.revealAt)}.
        </p>
      )}
      {info.galleryOpen && event && (
        <div>
          <h2>Photos of {info.eventName}</h2>
          <PhotoGrid
            photos={event}
            label={`Photos of ${info.eventName}`}
            empty="No photos yet: be the first!"
          />
        </div>
      )}
      <ErrorMessage>{error}</ErrorMessage>
    </section>
  );
}

function PhotoGrid({ photos, label, empty }: { photos: GuestPhoto[]; label: string; empty: string }) {
  if (photos.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="grid guest-grid" aria-label={label}>
      {photos.map((photo) => (
        <li key={photo.id}>
          <a href={photo.urls.web} target="_blank" rel="noreferrer">
            <img src={photo.urls.thumb} alt="" loading="lazy" width={photo.width ?? undefined} />
          </a>
        </li>
      ))}
    </ul>
  );
}
