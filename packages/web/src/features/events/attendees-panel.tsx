import { useState } from "react";
import { describeError } from "../../api/api-errors.js";
import type { Attendee, ShoeboxEvent } from "../../api/api-types.js";
import { navigate } from "../../app/router.js";
import { paths } from "../../app/routes.js";
import { useServices, useSession } from "../../app/services.js";
import { useAsync } from "../../app/use-async.js";
import { ErrorMessage, Loading } from "../../ui/status-message.js";
import { reviewApi } from "../review/review-api.js";
import { canAssignRoles } from "./event-roles.js";
import { formatDate } from "./format-date.js";

/** Who attends: the organizer may remove people and make them co-hosts; anyone else may leave. */
export function AttendeesPanel({ event }: { event: ShoeboxEvent }) {
  const { api } = useServices();
  const session = useSession();
  const attendees = useAsync(() => loadAll((cursor) => api.listAttendees(event.id, cursor)), [event.id]);
  const [error, setError] = useState<string | null>(null);
  const me = session?.user.userId;

  const remove = async (attendee: Attendee) => {
    const leaving = attendee.userId === me;
    const question = leaving
      ? `Leave ${event.name}? You will need an invite to join again.`
      : `Remove ${attendee.name ?? "this person"} from ${event.name}?`;
    if (!window.confirm(question)) return;
    try {
      await api.removeAttendee(event.id, attendee.userId);
      if (leaving) navigate(paths.events());
      else attendees.set((attendees.value ?? []).filter((a) => a.userId !== attendee.userId));
    } catch (caught) {
      setError(describeError(caught));
    }
  };

  const changeRole = async (attendee: Attendee) => {
    try {
      const role = attendee.role === "cohost" ? "attendee" : "cohost";
      const updated = await reviewApi(api).setRole(event.id, attendee.userId, role);
      attendees.set((attendees.value ?? []).map((a) => (a.userId === updated.userId ? updated : a)));
      setError(null);
    } catch (caught) {
      setError(describeError(caught));
    }
  };

  return (
    <section aria-labelledby="people-title" className="card">
      <h2 id="people-title">People</h2>
      {attendees.status === "loading" && <Loading what="Loading attendees" />}
      <ErrorMessage>{attendees.error ?? error}</ErrorMessage>
      {attendees.value && (
        <ul className="people-list">
          {attendees.value.map((attendee) => (
            <li key={attendee.userId}>
              <span className="avatar" aria-hidden="true">
                {(attendee.name ?? "?").slice(0, 1).toUpperCase()}
              </span>
              <span className="person">
                <span className="person-name">
                  {attendee.name ?? "Someone"}
                  {attendee.userId === me && " (you)"}
                </span>
                <span className="muted small">
                  {attendee.email ? `${attendee.email} · ` : ""}joined {formatDate(attendee.joinedAt)}
                </span>
              </span>
              {attendee.role === "cohost" && <span className="badge organizer">Co-host</span>}
              {attendee.role !== "organizer" && canAssignRoles(event.role) && (
                <button type="button" className="button subtle small" onClick={() => changeRole(attendee)}>
                  {attendee.role === "cohost" ? "Remove co-host" : "Make co-host"}
                  <span className="visually-hidden"> {attendee.name}</span>
                </button>
              )}
              {attendee.role === "organizer" ? (
                <span className="badge organizer">Organizer</span>
              ) : event.role === "organizer" || attendee.userId === me ? (
                <button type="button" className="button subtle danger" onClick={() => remove(attendee)}>
                  {attendee.userId === me ? (
                    "Leave event"
                  ) : (
                    <>
                      Remove<span className="visually-hidden"> {attendee.name}</span>
                    </>
                  )}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

async function loadAll<T>(
  page: (cursor?: string) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    items.push(...next.items);
    cursor = next.nextCursor ?? undefined;
  } while (cursor && items.length < 1000);
  return items;
}
