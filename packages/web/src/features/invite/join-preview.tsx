import { useMemo } from "react";
import "./invite.css";
import { NotFoundError } from "../../api/api-errors.js";
import { useServices } from "../../app/services.js";
import { useAsync } from "../../app/use-async.js";
import { ErrorMessage, Loading } from "../../ui/status-message.js";
import { formatDate } from "../events/format-date.js";
import { type InvitePreview, inviteApi } from "./invite-api.js";

/** The public preview of the event an invite code joins, loaded once per code; `null`: no such code. */
export function useInvitePreview(inviteCode: string) {
  const { api } = useServices();
  const invites = useMemo(() => inviteApi(api), [api]);
  return useAsync(
    () =>
      invites.preview(inviteCode).catch((caught: unknown) => {
        if (caught instanceof NotFoundError) return null;
        throw caught;
      }),
    [invites, inviteCode],
  );
}

export const INVALID_INVITE = "This invite link is not valid any more. Ask the organizer for a new one.";

/** "You're invited to …": the event's cover, name, date and organizer, as the join page shows them. */
export function JoinPreviewCard({ preview }: { preview: InvitePreview }) {
  return (
    <section className="join-preview" aria-label="The event you are invited to">
      {preview.coverUrl ? (
        <img className="join-cover" src={preview.coverUrl} alt="" />
      ) : (
        <div className="join-cover join-cover-empty" aria-hidden="true">
          ▣
        </div>
      )}
      <div className="join-preview-text">
        <p className="muted">You're invited to</p>
        <p className="join-event-name">{preview.eventName}</p>
        <p className="muted">
          {[
            preview.startsAt && formatDate(preview.startsAt),
            preview.organizerName && `by ${preview.organizerName}`,
          ]
            .filter(Boolean)
            .join(" · ")}
        </p>
      </div>
    </section>
  );
}

/** Loading, "this link is not valid any more", or the preview card. */
export function JoinPreviewState({ preview }: { preview: ReturnType<typeof useInvitePreview> }) {
  if (preview.status === "loading") return <Loading what="Opening the invitation" />;
  if (preview.value) return <JoinPreviewCard preview={preview.value} />;
  return <ErrorMessage>{preview.status === "ready" ? INVALID_INVITE : preview.error}</ErrorMessage>;
}
