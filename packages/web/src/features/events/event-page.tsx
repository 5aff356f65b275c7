import { useState } from "react";
import type { ShoeboxEvent } from "../../api/api-types.js";
import { Link } from "../../app/router.js";
import { type EventTab, paths } from "../../app/routes.js";
import { useServices, useSession } from "../../app/services.js";
import { useAsync } from "../../app/use-async.js";
import { ErrorMessage, Loading } from "../../ui/status-message.js";
import { ModerationQueue } from "../gallery/moderation-queue.js";
import { PhotoBrowser } from "../gallery/photo-browser.js";
import { ApprovalModeSelect } from "../review/approval-mode-select.js";
import { ApprovalQueue } from "../review/approval-queue.js";
import { GuestLinksPanel } from "../sharing/guest-links-panel.js";
import { ShareButton } from "../sharing/share-dialog.js";
import { AttendeesPanel } from "./attendees-panel.js";
import { canChangeSettings, canManageLinks, canModerate } from "./event-roles.js";
import { EventSettingsDialog } from "./event-settings-dialog.js";
import { formatDate } from "./format-date.js";
import { InvitePanel } from "./invite-panel.js";
import { UploadsClosedNotice } from "./uploads-closed.js";

/**
 * One event: its photos (upload and browse), its people, and for the organizer and co-hosts the review
 * queues and guest links; the organizer also sets the approval mode.
 */
export function EventPage({ eventId, tab }: { eventId: string; tab: EventTab }) {
  const { api } = useServices();
  const session = useSession();
  const event = useAsync(() => api.getEvent(eventId), [eventId]);
  const [settingsOpen, setSettingsOpen] = useState(false);

  if (event.status === "loading") {
    return (
      <main className="page" id="main">
        <Loading what="Opening the event" />
      </main>
    );
  }
  if (event.status === "error") {
    return (
      <main className="page" id="main">
        <ErrorMessage>{event.error}</ErrorMessage>
        <Link to={paths.events()}>Back to your events</Link>
      </main>
    );
  }
  const current = event.value;
  const organizer = current.role === "organizer";
  const moderator = canModerate(current.role);
  const linkManager = canManageLinks(current.role);
  const tabs: { id: EventTab; label: string }[] = [
    { id: "photos", label: "Photos" },
    { id: "people", label: "People" },
    ...(moderator ? [{ id: "review" as const, label: "Review" }] : []),
    ...(linkManager ? [{ id: "links" as const, label: "Guest links" }] : []),
  ];
  const scope = { kind: "event", eventId } as const;

  return (
    <main className="page" id="main">
      <header className="page-header event-header">
        <div>
          <p className="breadcrumb">
            <Link to={paths.events()}>Events</Link> /
          </p>
          <h1>{current.name}</h1>
          <p className="muted">
            {current.startsAt && <>{formatDate(current.startsAt)} · </>}
            {organizer ? "You organize this event" : moderator ? "You co-host this event" : "You are a guest"}
          </p>
          {current.description && <p className="event-description">{current.description}</p>}
        </div>
        {linkManager && (
          <div className="event-header-actions">
            {canChangeSettings(current.role) && (
              <button type="button" className="button" onClick={() => setSettingsOpen(true)}>
                Settings
              </button>
            )}
            <ShareButton target={{ eventId }} what="this event" label="Share event" />
            {canChangeSettings(current.role) && (
              <ApprovalModeSelect event={current} onChange={(updated: ShoeboxEvent) => event.set(updated)} />
            )}
          </div>
        )}
      </header>
      {settingsOpen && (
        <EventSettingsDialog
          event={current}
          onSaved={(updated) => event.set(updated)}
          onClose={() => setSettingsOpen(false)}
        />
      )}
      {organizer && tab === "photos" && (
        <InvitePanel event={current} onChange={(updated: ShoeboxEvent) => event.set(updated)} />
      )}
      <nav className="tabs" aria-label="Event sections">
        {tabs.map(({ id, label }) => (
          <Link
            key={id}
            to={paths.event(eventId, id)}
            aria-current={tab === id ? "page" : undefined}
            className="tab"
          >
            {label}
          </Link>
        ))}
      </nav>
      {tab === "photos" && !moderator && current.approvalMode !== "off" && (
        <p className="notice approval-note">
          {current.approvalMode === "guests"
            ? "Photos from guest links wait for a host's approval before others see them."
            : "New photos wait for a host's approval before others see them."}
        </p>
      )}
      {tab === "photos" && (
        <PhotoBrowser
          scope={scope}
          canDelete={(photo) => moderator || photo.ownerId === session?.user.userId}
          emptyText="No photos yet. Be the first: drop some above."
          uploadsClosed={
            current.uploadWindow && !current.uploadWindow.open ? (
              <UploadsClosedNotice window={current.uploadWindow} />
            ) : undefined
          }
          renderActions={(photo) =>
            linkManager || photo.ownerId === session?.user.userId ? (
              <ShareButton target={{ photoId: photo.id }} what="this photo" />
            ) : null
          }
        />
      )}
      {tab === "people" && <AttendeesPanel event={current} />}
      {tab === "review" && moderator && (
        <>
          <ApprovalQueue eventId={eventId} />
          <ModerationQueue scope={scope} />
        </>
      )}
      {tab === "links" && linkManager && <GuestLinksPanel eventId={eventId} />}
    </main>
  );
}
