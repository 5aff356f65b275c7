import { type FormEvent, useState } from "react";
import { describeError } from "../../api/api-errors.js";
import type { ShoeboxEvent } from "../../api/api-types.js";
import { useServices } from "../../app/services.js";
import { ErrorMessage } from "../../ui/status-message.js";

/** Name (and optionally a date and description) for a new event; the creator becomes its organizer. */
export function CreateEventForm({ onCreated }: { onCreated: (event: ShoeboxEvent) => void }) {
  const { api } = useServices();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim() || undefined;
    setBusy(true);
    setError(null);
    try {
      const date = text("startsAt");
      const created = await api.createEvent({
        name: text("name") ?? "",
        ...(text("description") ? { description: text("description") } : {}),
        ...(date ? { startsAt: date } : {}),
      });
      onCreated(created);
    } catch (caught) {
      setError(describeError(caught));
      setBusy(false);
    }
  };

  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="create-event-title">
      <h2 id="create-event-title">New event</h2>
      <label className="field">
        <span>Name</span>
        <input name="name" required maxLength={120} placeholder="Lena & Sam's wedding" />
      </label>
      <div className="field-row">
        <label className="field">
          <span>Date (optional)</span>
          <input name="startsAt" type="date" />
        </label>
      </div>
      <label className="field">
        <span>Description (optional)</span>
        <textarea name="description" rows={2} maxLength={2000} />
      </label>
      <ErrorMessage>{error}</ErrorMessage>
      <div>
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? "Creating…" : "Create event"}
        </button>
      </div>
    </form>
  );
}
