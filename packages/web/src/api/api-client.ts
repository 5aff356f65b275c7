import { UnauthorizedError } from "./api-errors.js";
import type {
  Attendee,
  CreateEventInput,
  InitiateUploadInput,
  Me,
  Page,
  Photo,
  PhotoListQuery,
  ShoeboxEvent,
  UploadTicket,
} from "./api-types.js";
import { type Endpoint, endpoints } from "./endpoints.js";
import { type HttpSettings, type RequestOptions, sendRequest } from "./http-request.js";

/** Where the client gets its bearer token; the auth client implements it. */
export interface TokenSource {
  /** A token valid for at least a little while, or null when signed out. */
  currentToken(): Promise<string | null>;
  /** Called after a 401: get a fresh token (true) or give up (false, the session is over). */
  refreshAfterRejection(): Promise<boolean>;
}

/** Where photos are listed and uploaded: an event, or the caller's own library. */
export type PhotoScope = { kind: "event"; eventId: string } | { kind: "library" };

/**
 * The typed Shoebox API. Every method is one route of `endpoints.ts`; a 401 on an authenticated call gets
 * one quiet refresh and one retry before it reaches the caller as `UnauthorizedError`.
 */
export class ApiClient {
  constructor(
    private readonly settings: HttpSettings,
    private readonly tokens: TokenSource,
  ) {}

  me(): Promise<Me> {
    return this.call(endpoints.me);
  }

  listEvents(cursor?: string): Promise<Page<ShoeboxEvent>> {
    return this.call(endpoints.listEvents, { query: { cursor } });
  }

  createEvent(input: CreateEventInput): Promise<ShoeboxEvent> {
    return this.call(endpoints.createEvent, { body: { ...input } });
  }

  getEvent(eventId: string): Promise<ShoeboxEvent> {
    return this.call(endpoints.getEvent, { params: { eventId } });
  }

  rotateInviteCode(eventId: string): Promise<ShoeboxEvent> {
    return this.call(endpoints.rotateInviteCode, { params: { eventId } });
  }

  joinWithCode(inviteCode: string): Promise<ShoeboxEvent> {
    return this.call(endpoints.joinWithCode, { body: { inviteCode } });
  }

  listAttendees(eventId: string, cursor?: string): Promise<Page<Attendee>> {
    return this.call(endpoints.listAttendees, { params: { eventId }, query: { cursor } });
  }

  removeAttendee(eventId: string, userId: string): Promise<void> {
    return this.call(endpoints.removeAttendee, { params: { eventId, userId } });
  }

  initiateUpload(scope: PhotoScope, input: InitiateUploadInput, signal?: AbortSignal): Promise<UploadTicket> {
    const body = { ...input };
    return scope.kind === "event"
      ? this.call(endpoints.initiateEventUpload, { params: { eventId: scope.eventId }, body, signal })
      : this.call(endpoints.initiateLibraryUpload, { body, signal });
  }

  listPhotos(scope: PhotoScope, query: PhotoListQuery = {}, signal?: AbortSignal): Promise<Page<Photo>> {
    const options = { query: { ...query }, signal };
    return scope.kind === "event"
      ? this.call(endpoints.listEventPhotos, { ...options, params: { eventId: scope.eventId } })
      : this.call(endpoints.listMyPhotos, options);
  }

  /** One photo; with `waitWhilePendingSeconds`, the server holds the answer while it is still pending. */
  getPhoto(photoId: string, waitWhilePendingSeconds?: number, signal?: AbortSignal): Promise<Photo> {
    return this.call(endpoints.getPhoto, {
      params: { photoId },
      query: { waitWhilePending: waitWhilePendingSeconds },
      signal,
    });
  }

  deletePhoto(photoId: string): Promise<void> {
    return this.call(endpoints.deletePhoto, { params: { photoId } });
  }

  approvePhoto(photoId: string): Promise<Photo> {
    return this.call(endpoints.approvePhoto, { params: { photoId } });
  }

  retryPhoto(photoId: string): Promise<Photo> {
    return this.call(endpoints.retryPhoto, { params: { photoId } });
  }

  /** Any declared endpoint; features with routes of their own (sharing, guests) call through this. */
  async call<T>(endpoint: Endpoint, options: RequestOptions = {}): Promise<T> {
    if (!endpoint.auth) return sendRequest<T>(this.settings, endpoint, options);
    const token = await this.requireToken();
    try {
      return await sendRequest<T>(this.settings, endpoint, options, token);
    } catch (error) {
      if (!(error instanceof UnauthorizedError) || !(await this.tokens.refreshAfterRejection())) throw error;
      return sendRequest<T>(this.settings, endpoint, options, await this.requireToken());
    }
  }

  private async requireToken(): Promise<string> {
    const token = await this.tokens.currentToken();
    if (token === null) throw new UnauthorizedError(401, "UNAUTHENTICATED", "Please sign in again.");
    return token;
  }
}
