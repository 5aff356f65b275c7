import { useEffect, useMemo, useRef, useSyncExternalStore } from "react";
import { useServices } from "../../app/services.js";
import { useAsync } from "../../app/use-async.js";
import { ErrorMessage, Loading } from "../../ui/status-message.js";
import { formatDateTime } from "../events/format-date.js";
import { UploadsClosedNotice } from "../events/uploads-closed.js";
import { GuestGallery } from "../invite/guest-gallery.js";
import { sharingApi } from "../sharing/sharing-api.js";
import { transferWithTicket } from "../upload/presigned-transfer.js";
import { UploadArea } from "../upload/upload-panel.js";
import { UploadQueue } from "../upload/upload-queue.js";

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

  const queue = useMemo(
    () =>
      new UploadQueue(
        {
          initiate: (file, contentType, details, signal) =>
            sharing.guestInitiateUpload(
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
            ),
          transfer: transferWithTicket,
        },
        { limits },
      ),
    [sharing, token, limits],
  );
  useEffect(() => () => queue.dispose(), [queue]);
  const items = useSyncExternalStore(
    (listener) => queue.subscribe(listener),
    () => queue.snapshot(),
  );

  const gone = info.status === "error";
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
              {info.value.uploadsLeft !== null && ` · ${info.value.uploadsLeft} photos left`}.
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
            <GuestGallery
              token={token}
              info={info.value}
              items={items}
              password={() => password.current?.value || undefined}
            />
          </>
        )}
      </div>
    </main>
  );
}
