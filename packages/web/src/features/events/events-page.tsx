import { useState } from "react";
import { Link, navigate } from "../../app/router.js";
import { paths } from "../../app/routes.js";
import { useServices } from "../../app/services.js";
import { useAsync } from "../../app/use-async.js";
import { ErrorMessage, Loading } from "../../ui/status-message.js";
import { CreateEventForm } from "./create-event-form.js";
import { formatDate } from "./format-date.js";

/** The events the user organizes or attends, and a form to create one. */
export function EventsPage() {
  const { api } = useServices();
  const events = useAsync(() => api.listEvents(), []);
  const [creating, setCreating] = useState(false);

  return (
    <main className="page" id="main">
      <header className="page-header">
        <div>
          <h1>Your events</h1>
          <p className="muted">Every event you organize or were invited to.</p>
        </div>
        {!creating && (
          <button type="button" className="button primary" onClick={() => setCreating(true)}>
            New event
          </button>
        )}
      </header>
      {creating && <CreateEventForm onCreated={(event) => navigate(paths.event(event.id))} />}
      {events.status === "loading" && <Loading what="Loading your events" />}
      <ErrorMessage>{events.error}</ErrorMessage>
      {events.status === "ready" && events.value.items.length === 0 && !creating && (
        <div className="empty card">
          <h2>No events yet</h2>
          <p>Create one and share its invite link, or open an invite link someone sent you.</p>
          <button type="button" className="button primary" onClick={() => setCreating(true)}>
            Create your first event
          </button>
        </div>
      )}
      {events.status === "ready" && events.value.items.length > 0 && (
        <ul className="event-list">
          {events.value.items.map((event) => (
            <li key={event.id}>
              <Link to={paths.event(event.id)} className="event-card">
                <span className="event-cover" aria-hidden="true">
                  {event.coverThumbUrl ? <img src={event.coverThumbUrl} alt="" /> : <span>▣</span>}
                </span>
                <span className="event-name">{event.name}</span>
                <span className="event-meta">
                  {event.startsAt ? formatDate(event.startsAt) : `Created ${formatDate(event.createdAt)}`}
                  <span className={`badge ${event.role}`}>
                    {event.role === "organizer" ? "Organizer" : "Guest"}
                  </span>
                </span>
                {event.photoCount !== undefined && (
                  <span className="event-counts">
                    {plural(event.photoCount, "photo")} · {plural(event.attendeeCount ?? 0, "attendee")}
                  </span>
                )}
                {event.description && <span className="event-description">{event.description}</span>}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
