/** The shapes the API answers with, as `/api/openapi.json` describes them (checked by the contract test). */

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Tokens {
  accessToken: string;
  idToken: string;
  refreshToken: string;
  expiresIn: number;
  tokenType: "Bearer";
}

/** What sign-up and "resend" answer (the same for any address). */
export interface ConfirmationSent {
  confirmation: "sent";
  /** "log": the server has no mail server; whoever runs it finds the code in its log. */
  delivery: "email" | "log";
}

export interface Me {
  userId: string;
  email: string | null;
  name: string | null;
}

export type EventRole = "organizer" | "attendee";

export interface ShoeboxEvent {
  id: string;
  name: string;
  description: string | null;
  startsAt: string | null;
  organizerId: string;
  role: EventRole;
  createdAt: string;
  /** Organizer only. */
  inviteCode?: string;
  /** Organizer only: `{publicUrl}/join/{inviteCode}`. */
  inviteUrl?: string;
}

export interface CreateEventInput {
  name: string;
  description?: string;
  startsAt?: string;
}

export interface Attendee {
  eventId: string;
  userId: string;
  role: EventRole;
  name: string | null;
  email: string | null;
  joinedAt: string;
}

export const PHOTO_STATUSES = [
  "pending",
  "ready",
  "hidden",
  "duplicate",
  "rejected",
  "failed",
  "expired",
] as const;
export type PhotoStatus = (typeof PHOTO_STATUSES)[number];

export interface PhotoLabel {
  name: string;
  confidence: number;
}

export interface Photo {
  id: string;
  eventId: string | null;
  ownerId: string;
  filename: string;
  title: string | null;
  description: string | null;
  contentType: string;
  status: PhotoStatus;
  statusReason: string | null;
  failedStep: string | null;
  duplicateOf: string | null;
  size: number;
  width: number | null;
  height: number | null;
  createdAt: string;
  takenAt: string | null;
  camera: { make: string | null; model: string | null; lens: string | null } | null;
  labels: PhotoLabel[];
  blurhash: string | null;
  urls: { thumb: string | null; web: string | null; original: string | null };
}

export interface PhotoListQuery {
  limit?: number;
  cursor?: string;
  label?: string;
  status?: PhotoStatus;
}

export interface InitiateUploadInput {
  filename: string;
  contentType: string;
  size: number;
  title?: string;
  description?: string;
  method?: "POST" | "PUT";
}

/** Where the bytes go: a presigned POST form, or a presigned PUT with headers it must carry. */
export type UploadTicket =
  | { photoId: string; url: string; expiresAt: string; method: "POST"; fields: Record<string, string> }
  | { photoId: string; url: string; expiresAt: string; method: "PUT"; headers: Record<string, string> };
