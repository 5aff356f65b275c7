import type { z } from "@hono/zod-openapi";
import type { Event } from "../../domain/event.js";
import type { UploadWindowView } from "../../domain/upload-window.js";
import type { EventManagementService } from "../../services/events/event-management.service.js";
import type { UploadWindowSchema } from "../routes/upload-window.schemas.js";

export function uploadWindowJson(view: UploadWindowView): z.infer<typeof UploadWindowSchema> {
  return {
    open: view.open,
    opensAt: view.opensAt?.toISOString() ?? null,
    closesAt: view.closesAt?.toISOString() ?? null,
    closedByHand: view.closedByHand,
    message: view.message ?? null,
  };
}

/** The managed fields of one event: cover choice and upload window; with `overview`, cover URL and counts. */
export async function eventManageJson(
  event: Event,
  manage: EventManagementService | undefined,
  options: { overview: boolean },
) {
  if (manage === undefined) return {};
  const base = {
    coverPhotoId: event.coverPhotoId ?? null,
    uploadWindow: uploadWindowJson(manage.uploadWindowOf(event)),
  };
  if (!options.overview) return base;
  const overview = await manage.overviewOf(event);
  return {
    ...base,
    coverThumbUrl: overview.coverThumbUrl ?? null,
    photoCount: overview.photoCount,
    attendeeCount: overview.attendeeCount,
  };
}
