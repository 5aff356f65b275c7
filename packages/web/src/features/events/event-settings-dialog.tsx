import { type FormEvent, useMemo, useState } from "react";
import { describeError } from "../../api/api-errors.js";
import type { ShoeboxEvent } from "../../api/api-types.js";
import { navigate } from "../../app/router.js";
import { paths } from "../../app/routes.js";
import { useServices } from "../../app/services.js";
import { useAsync } from "../../app/use-async.js";
import { Dialog } from "../../ui/dialog.js";
import { ErrorMessage, Loading } from "../../ui/status-message.js";
import { fromLocalInput, manageApi, toLocalInput } from "./manage-api.js";

/**
 * The organizer's settings for one event: name, date and description; a cover chosen among the event's
 * ready photos; the upload window (open and close times, or closed by hand); and deleting the event,
 * behind a confirmation that names it.
 */
export function EventSettingsDialog({
  event,
  onSaved,
  onClose,
}: {
  event: ShoeboxEvent;
  onSaved: (event: ShoeboxEvent) => void;
  onClose: () => void;
}) {
  const { api } = useServices();
  const manage = useMemo(() => manageApi(api), [api]);
  const photos = useAsync(
    () => api.listPhotos({ kind: "event", eventId: event.id }, { status: "ready", limit: 24 }),
    [api, event.id],
  );
  const [cover, setCover] = useState<string | null>(event.coverPhotoId ?? null);
  const [closedByHand, setClosedByHand] = useState(event.uploadWindow?.closedByHand ?? false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (submitted: FormEvent<HTMLFormElement>) => {
    submitted.preventDefault();
    const form = new FormData(submitted.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    setBusy(true);
    setError(null);
    try {
      const updated = await manage.updateEvent(event.id, {
        name: text("name"),
        description: text("description") || null,
        startsAt: text("startsAt") || null,
        coverPhotoId: cover,
        uploadsOpenAt: fromLocalInput(text("uploadsOpenAt")),
        uploadsCloseAt: fromLocalInput(text("uploadsCloseAt")),
        uploadsClosed: closedByHand,
      });
      onSaved({ ...event, ...updated });
      onClose();
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await manage.deleteEvent(event.id);
      navigate(paths.events());
    } catch (caught) {
      setError(describeError(caught));
      setBusy(false);
    }
  };

  return (
    <Dialog title="Event settings" onClose={onClose} className="settings-dialog">
      <div className="dialog-body stack">
        <div className="dialog-heading">
          <h2>Event settings</h2>
          <button type="button" className="button subtle close" onClick={onClose} aria-label="Close">
            ✕
          </button>
        </div>
        {/* Confirming a deletion shows nothing else, so the question and its answer are on screen together. */}
        <form className="stack" onSubmit={save} hidden={confirmingDelete}>
          <label className="field">
            <span>Name</span>
            <input name="name" required maxLength={120} defaultValue={event.name} />
          </label>
          <label className="field">
            <span>Date</span>
            <input name="startsAt" type="date" defaultValue={event.startsAt?.slice(0, 10) ?? ""} />
          </label>
          <label className="field">
            <span>Description</span>
            <textarea name="description" rows={3} maxLength={2000} defaultValue={event.description ?? ""} />
          </label>
          <fieldset className="cover-picker">
            <legend>Cover photo</legend>
            {photos.status === "loading" && <Loading what="Loading the event's photos" />}
            <ErrorMessage>{photos.error}</ErrorMessage>
            {photos.value && photos.value.items.length === 0 && (
              <p className="muted small">
                Once photos are in, pick one here. Until then the newest one is used.
              </p>
            )}
            {photos.value && photos.value.items.length > 0 && (
              <div className="cover-choices">
                <label className={`cover-choice${cover === null ? " chosen" : ""}`}>
                  <input type="radio" name="cover" checked={cover === null} onChange={() => setCover(null)} />
                  <span className="cover-auto">Newest photo</span>
                </label>
                {photos.value.items.map((photo) => (
                  <label key={photo.id} className={`cover-choice${cover === photo.id ? " chosen" : ""}`}>
                    <input
                      type="radio"
                      name="cover"
                      checked={cover === photo.id}
                      onChange={() => setCover(photo.id)}
                      aria-label={`Cover: ${photo.title ?? photo.filename}`}
                    />
                    {photo.urls.thumb && <img src={photo.urls.thumb} alt="" />}
                  </label>
                ))}
              </div>
            )}
          </fieldset>
          <fieldset className="upload-window">
            <legend>Uploads</legend>
            <div className="field-row">
              <label className="field">
                <span>Open from (optional)</span>
                <input
                  name="uploadsOpenAt"
                  type="datetime-local"
                  defaultValue={toLocalInput(event.uploadWindow?.opensAt)}
                />
              </label>
              <label className="field">
                <span>Close at (optional)</span>
                <input
                  name="uploadsCloseAt"
                  type="datetime-local"
                  defaultValue={toLocalInput(event.uploadWindow?.closesAt)}
                />
              </label>
            </div>
            <label className="checkbox">
              <input
                type="checkbox"
                name="uploadsClosed"
                checked={closedByHand}
                onChange={(change) => setClosedByHand(change.target.checked)}
              />{" "}
              Close uploads now (reopen by unticking)
            </label>
          </fieldset>
          <div className="dialog-actions">
            <button type="submit" className="button primary" disabled={busy}>
              {busy ? "Saving…" : "Save changes"}
            </button>
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
        <ErrorMessage>{error}</ErrorMessage>
        <section className="danger-zone stack" aria-label="Delete event">
          {confirmingDelete ? (
            <>
              <p>
                <strong>Delete “{event.name}”?</strong> Every photo, link and attendance goes with it, for
                everyone. This cannot be undone.
              </p>
              <div className="dialog-actions">
                <button type="button" className="button danger-solid" onClick={remove} disabled={busy}>
                  Delete “{event.name}”
                </button>
                <button type="button" className="button" onClick={() => setConfirmingDelete(false)}>
                  Keep it
                </button>
              </div>
            </>
          ) : (
            <button type="button" className="button danger" onClick={() => setConfirmingDelete(true)}>
              Delete event…
            </button>
          )}
        </section>
      </div>
    </Dialog>
  );
}
