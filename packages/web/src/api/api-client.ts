import { UnauthorizedError } from "./api-errors.js";
import type {
  Attendee,
  CreateEventInput,
  EventLabel,
  InitiateUploadInput,
  Me,
  Page,
  Photo,
  PhotoListQuery,
  ShoeboxEvent,
  UploadTicket,
} from "./api-types.js";
import { type ApiHttp, createApiHttp, dataOf, type HttpSettings, noContent } from "./http-request.js";

/** Where the client gets its bearer token; the auth client implements it. */
export interface TokenSource {
  /** A token valid for at least a little while, or null when signed out. */
  currentToken(): Promise<string | null>;
  /** Called after a 401: get a fresh token (true) or give up (false, the session is over). */
  refreshAfterRejection(): Promise<boolean>;
}

/** Where photos are listed and uploaded: an event, or the caller's own library. */
export type PhotoScope = { kind: "event"; eventId: string } | { kind: "library" };

/** The request options that carry the bearer token. */
export type BearerAuth = { headers: { Authorization: string } };

/**
 * The typed Shoebox API: every method is one route of `schema.gen.ts` (generated from `/api/openapi.json`), so
 * a path, parameter, body field or answer that drifts from the server fails the typecheck. A 401 on an
 * authenticated call gets one quiet refresh and one retry before it reaches the caller as `UnauthorizedError`.
 */
export class ApiClient {
  private readonly http: ApiHttp;

  constructor(
    settings: HttpSettings,
    private readonly tokens: TokenSource,
  ) {
    this.http = createApiHttp(settings);
  }

  me(): Promise<Me> {
    return this.withToken((http, auth) => dataOf(http.GET("/me", auth)));
  }

  listEvents(cursor?: string): Promise<Page<ShoeboxEvent>> {
    return this.withToken((http, auth) =>
      dataOf(http.GET("/events", { ...auth, params: { query: { cursor } } })),
    );
  }

  createEvent(input: CreateEventInput): Promise<ShoeboxEvent> {
    return this.withToken((http, auth) => dataOf(http.POST("/events", { ...auth, body: input })));
  }

  getEvent(eventId: string): Promise<ShoeboxEvent> {
    return this.withToken((http, auth) =>
      dataOf(http.GET("/events/{eventId}", { ...auth, params: { path: { eventId } } })),
    );
  }

  rotateInviteCode(eventId: string): Promise<ShoeboxEvent> {
    return this.withToken((http, auth) =>
      dataOf(http.POST("/events/{eventId}/invite-code", { ...auth, params: { path: { eventId } } })),
    );
  }

  joinWithCode(inviteCode: string): Promise<ShoeboxEvent> {
    return this.withToken((http, auth) =>
      dataOf(http.POST("/events/join", { ...auth, body: { inviteCode } })),
    );
  }

  listAttendees(eventId: string, cursor?: string): Promise<Page<Attendee>> {
    return this.withToken((http, auth) =>
      dataOf(
        http.GET("/events/{eventId}/attendees", {
          ...auth,
          params: { path: { eventId }, query: { cursor } },
        }),
      ),
    );
  }

  removeAttendee(eventId: string, userId: string): Promise<void> {
    return this.withToken((http, auth) =>
      noContent(
        http.DELETE("/events/{eventId}/attendees/{userId}", {
          ...auth,
          params: { path: { eventId, userId } },
        }),
      ),
    );
  }

  initiateUpload(scope: PhotoScope, input: InitiateUploadInput, signal?: AbortSignal): Promise<UploadTicket> {
    return this.withToken((http, auth) =>
      scope.kind === "event"
        ? dataOf(
            http.POST("/events/{eventId}/photos/initiate-upload", {
              ...auth,
              params: { path: { eventId: scope.eventId } },
              body: input,
              signal,
            }),
          )
        : dataOf(http.POST("/photos/initiate-upload", { ...auth, body: input, signal })),
    );
  }

  listPhotos(scope: PhotoScope, query: PhotoListQuery = {}, signal?: AbortSignal): Promise<Page<Photo>> {
    return this.withToken((http, auth) =>
      scope.kind === "event"
        ? dataOf(
            http.GET("/events/{eventId}/photos", {
              ...auth,
              params: { path: { eventId: scope.eventId }, query },
              signal,
            }),
          )
        : dataOf(http.GET("/photos", { ...auth, params: { query }, signal })),
    );
  }

  /** The labels on an event's photos with their counts, most common first: search suggestions. */
  listEventLabels(eventId: string, signal?: AbortSignal): Promise<EventLabel[]> {
    return this.withToken(async (http, auth) => {
      const body = await dataOf(
        http.GET("/events/{eventId}/labels", { ...auth, params: { path: { eventId } }, signal }),
      );
      return body.labels;
    });
  }

  /** One photo; with `waitWhilePendingSeconds`, the server holds the answer while it is still pending. */
  getPhoto(photoId: string, waitWhilePendingSeconds?: number, signal?: AbortSignal): Promise<Photo> {
    return this.withToken((http, auth) =>
      dataOf(
        http.GET("/photos/{photoId}", {
          ...auth,
          params: { path: { photoId }, query: { waitWhilePending: waitWhilePendingSeconds } },
          signal,
        }),
      ),
    );
  }

  deletePhoto(photoId: string): Promise<void> {
    return this.withToken((http, auth) =>
      noContent(http.DELETE("/photos/{photoId}", { ...auth, params: { path: { photoId } } })),
    );
  }

  approvePhoto(photoId: string): Promise<Photo> {
    return this.withToken((http, auth) =>
      dataOf(http.POST("/photos/{photoId}/approve", { ...auth, params: { path: { photoId } } })),
    );
  }

  retryPhoto(photoId: string): Promise<Photo> {
    return this.withToken((http, auth) =>
      dataOf(http.POST("/photos/{photoId}/retry", { ...auth, params: { path: { photoId } } })),
    );
  }

  /** Routes that need no account (a guest's upload link); features with routes of their own call this. */
  withoutToken<T>(send: (http: ApiHttp) => Promise<T>): Promise<T> {
    return send(this.http);
  }

  /** Any route with the bearer token; features with routes of their own (sharing, guests) call this. */
  async withToken<T>(send: (http: ApiHttp, auth: BearerAuth) => Promise<T>): Promise<T> {
    const token = await this.requireToken();
    try {
      return await send(this.http, bearer(token));
    } catch (error) {
      if (!(error instanceof UnauthorizedError) || !(await this.tokens.refreshAfterRejection())) throw error;
      return send(this.http, bearer(await this.requireToken()));
    }
  }

  private async requireToken(): Promise<string> {
    const token = await this.tokens.currentToken();
    if (token === null) throw new UnauthorizedError(401, "UNAUTHENTICATED", "Please sign in again.");
    return token;
  }
}

function bearer(token: string): BearerAuth {
  return { headers: { Authorization: `Bearer ${token}` } };
}
