import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { useServices } from "../../app/services.js";
import { useAsync } from "../../app/use-async.js";
import { ErrorMessage, Loading } from "../../ui/status-message.js";
import { formatDateTime } from "../events/format-date.js";
import { UploadsClosedNotice } from "../events/uploads-closed.js";
import { GuestGallery } from "../invite/guest-gallery.js";
import { sharingApi } from "../sharing/sharing-api.js";
import { waitUntilProcessed } from "../upload/photo-status-watch.js";
import { transferWithTicket } from "../upload/presigned-transfer.js";
import { UploadArea } from "../upload/upload-panel.js";
import { UploadQueue } from "../upload/upload-queue.js";
import { GuestOwnUploads } from "./guest-own-uploads.js";
import { type GuestUploadKey, GuestUploadKeys } from "./guest-upload-keys.js";

/**
 * `/g/{token}`: a guest adds photos to an event without an account, optionally with their name (and the
 * link's password). The same direct-to-storage upload as signed-in users; rows end at "Uploaded" because a
 * guest may not see the gallery.
 */
export function GuestUploadPage({ token }: { token: string }) {
  const { api, limits } = useServices();
  const sharing = useMemo(() => sharingApi(api), [api]);
  const info = useAsync(() => sharing.guestLinkInfo(token), [sharing, token]);
  const guestName = useRef<HTMLInputElement>(null);
  const password = useRef<HTMLInputElement>(null);
  // This browser's uploads through the link (their delete keys), and what the link still allows: updated
  // after every ticket and every decision, so a duplicate's refund shows at once.
  const keys = useMemo(() => new GuestUploadKeys(token), [token]);
  const [own, setOwn] = useState<GuestUploadKey[]>(() => keys.all());
  const [uploadsLeft, setUploadsLeft] = useState<number | null | undefined>(undefined);
  // Answers can arrive out of order (a ticket's count after a later refund): only a newer ask may set it.
  const asked = useRef(0);
  const answered = useRef(0);
  const countFrom = useCallback(async (ask: () => Promise<{ uploadsLeft: number | null }>) => {
    const mine = ++asked.current;
    const { uploadsLeft: left } = await ask();
    if (mine < answered.current) return;
    answered.current = mine;
    setUploadsLeft(left);
  }, []);

  const queue = useMemo(
    () =>
      new UploadQueue(
        {
          initiate: async (file, contentType, details, signal) => {
            const ticket = await sharing.guestInitiateUpload(
              token,
              {
                filename: file.name,
                contentType,
                size: file.size,
                ...details,
                guestName: guestName.current?.value.trim() || undefined,
                password: password.current?.value || undefined,
              },
              signal,
            );
            if (ticket.deleteKey) {
              keys.add({
                photoId: ticket.photoId,
                deleteKey: ticket.deleteKey,
                filename: file.name,
                addedAt: new Date().toISOString(),
              });
              setOwn(keys.all());
            }
            void countFrom(() => sharing.guestLinkInfo(token)).catch(() => {});
            return ticket;
          },
          transfer: transferWithTicket,
          waitUntilProcessed: async (photoId, signal, watch) => {
            const deleteKey = keys.keyOf(photoId) ?? "";
            const status = await waitUntilProcessed(
              (id, wait, s) => sharing.guestUploadStatus(token, id, deleteKey, wait, s),
              photoId,
              signal,
              { onConnection: watch.onConnection },
            );
            // Asked again now, so this answer counts as the newest: it includes any refund.
            await countFrom(async () => status).catch(() => {});
            // A duplicate's refund is written just after its status: ask once more, so the count shows it.
            if (status.status === "duplicate")
              void countFrom(() => sharing.guestLinkInfo(token)).catch(() => {});
            if (status.status === "duplicate" || status.status === "rejected") {
              // Nothing of it stays in the event: there is nothing to delete later.
              keys.remove(photoId);
              setOwn(keys.all());
            }
            return status.status === "duplicate"
              ? { status: status.status, statusReason: "Already in the event" }
              : status;
          },
        },
        { limits },
      ),
    [sharing, token, limits, keys, countFrom],
  );
  useEffect(() => () => queue.dispose(), [queue]);
  const items = useSyncExternalStore(
    (listener) => queue.subscribe(listener),
    () => queue.snapshot(),
  );

  const gone = info.status === "error";
  const left = uploadsLeft === undefined ? (info.value?.uploadsLeft ?? null) : uploadsLeft;
  const deleteOwn = async (upload: GuestUploadKey) => {
    await sharing.guestDeletePhoto(token, upload.photoId, upload.deleteKey);
    keys.remove(upload.photoId);
    setOwn(keys.all());
  };
  return (
    <main className="guest-page" id="main">
      <div className="guest-card">
        <p className="brand brand-large" aria-hidden="true">
          <span className="brand-mark">▣</span> Shoebox
        </p>
        {info.status === "loading" && <Loading what="Opening the upload link" />}
        {gone && (
          <>
            <h1>This upload link is not available</h1>
            <ErrorMessage>{info.error}</ErrorMessage>
            <p className="muted">Ask the organizer for a new link.</p>
          </>
        )}
        {info.value && (
          <>
            <h1>Add your photos to {info.value.eventName}</h1>
            <p className="muted">
              No account needed. The link works until {formatDateTime(info.value.expiresAt)}
              {left !== null && (
                <>
                  {" · "}
                  <span data-testid="uploads-left">
                    {left === 1 ? "1 photo left" : `${left} photos left`}
                  </span>
                </>
              )}
              .
            </p>
            {!info.value.uploadWindow.open ? (
              <UploadsClosedNotice window={info.value.uploadWindow} />
            ) : (
              <UploadArea queue={queue} items={items}>
                <div className="guest-fields">
                  <label className="field">
                    <span>Your name (optional)</span>
                    <input ref={guestName} maxLength={60} autoComplete="name" />
                  </label>
                  {info.value.passwordRequired && (
                    <label className="field">
                      <span>Password</span>
                      <input ref={password} type="password" required maxLength={256} />
                    </label>
                  )}
                </div>
              </UploadArea>
            )}
            <GuestOwnUploads uploads={own} onDelete={deleteOwn} />
            <GuestGallery
              token={token}
              info={info.value}
              items={items}
              ownPhotoIds={own.map((upload) => upload.photoId)}
              password={() => password.current?.value || undefined}
            />
          </>
        )}
      </div>
    </main>
  );
}
