import { ApiError, NetworkError } from "../../api/api-errors.js";
import type { Tokens } from "../../api/api-types.js";
import { endpoints } from "../../api/endpoints.js";
import { type HttpSettings, sendRequest } from "../../api/http-request.js";
import type { AuthClient, Session, SignInInput, SignUpInput } from "./auth-client.js";
import { userFromIdToken } from "./id-token-claims.js";
import { needsRefreshBeforeUse, refreshDelayMs } from "./refresh-timing.js";

/** The part of `localStorage` the session needs (tests pass a map). */
export type SessionStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export interface EmbeddedAuthOptions {
  http: HttpSettings;
  storage?: SessionStorage;
  now?: () => number;
  /** After a refresh fails for want of a network, try again this much later. */
  retryAfterNetworkErrorMs?: number;
}

const STORAGE_KEY = "shoebox.session";

/**
 * Signs in with the embedded host's own issuer (`/api/auth/*`). The session survives reloads in storage;
 * the token is renewed quietly before it expires (one refresh at a time: each refresh token works once).
 */
export class EmbeddedAuthClient implements AuthClient {
  private current: Session | null;
  private inFlight: Promise<Session | null> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly storage: SessionStorage | undefined;
  private readonly now: () => number;

  constructor(private readonly options: EmbeddedAuthOptions) {
    this.storage = options.storage;
    this.now = options.now ?? Date.now;
    this.current = this.loadStoredSession();
    if (this.current) this.scheduleRefresh(this.current);
  }

  async signUp(input: SignUpInput): Promise<Session> {
    return this.start(await sendRequest<Tokens>(this.options.http, endpoints.signUp, { body: { ...input } }));
  }

  async signIn(input: SignInInput): Promise<Session> {
    return this.start(await sendRequest<Tokens>(this.options.http, endpoints.signIn, { body: { ...input } }));
  }

  refresh(): Promise<Session | null> {
    this.inFlight ??= this.renew().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  async signOut(): Promise<void> {
    this.replace(null);
  }

  async currentToken(): Promise<string | null> {
    const session = this.current;
    if (session === null) return null;
    if (!needsRefreshBeforeUse(session, this.now())) return session.idToken;
    try {
      return (await this.refresh())?.idToken ?? null;
    } catch {
      // Offline: a token that has not quite expired is still worth sending.
      return session.expiresAt > this.now() ? session.idToken : null;
    }
  }

  async refreshAfterRejection(): Promise<boolean> {
    try {
      return (await this.refresh()) !== null;
    } catch {
      return false;
    }
  }

  session(): Session | null {
    return this.current;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Renews the tokens; a refused refresh token ends the session, a network failure keeps it. */
  private async renew(): Promise<Session | null> {
    const session = this.current;
    if (session === null) return null;
    try {
      const tokens = await sendRequest<Tokens>(this.options.http, endpoints.refresh, {
        body: { refreshToken: session.refreshToken },
      });
      // Signed out (or in as someone else) while the refresh was on its way: keep what is current.
      if (this.current !== session) return this.current;
      return this.start(tokens);
    } catch (error) {
      if (error instanceof NetworkError || (error instanceof ApiError && error.status >= 500)) {
        this.scheduleRetry();
        throw error;
      }
      if (this.current === session) this.replace(null);
      return null;
    }
  }

  private start(tokens: Tokens): Session {
    const issuedAt = this.now();
    const session: Session = {
      idToken: tokens.idToken,
      refreshToken: tokens.refreshToken,
      issuedAt,
      expiresAt: issuedAt + tokens.expiresIn * 1000,
      user: userFromIdToken(tokens.idToken),
    };
    this.replace(session);
    return session;
  }

  private replace(session: Session | null): void {
    this.current = session;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (session) {
      this.storage?.setItem(STORAGE_KEY, JSON.stringify(session));
      this.scheduleRefresh(session);
    } else {
      this.storage?.removeItem(STORAGE_KEY);
    }
    for (const listener of this.listeners) listener();
  }

  private scheduleRefresh(session: Session): void {
    this.timer = setTimeout(() => void this.refresh().catch(() => {}), refreshDelayMs(session, this.now()));
  }

  private scheduleRetry(): void {
    clearTimeout(this.timer);
    const delay = this.options.retryAfterNetworkErrorMs ?? 30_000;
    this.timer = setTimeout(() => void this.refresh().catch(() => {}), delay);
  }

  private loadStoredSession(): Session | null {
    const stored = this.storage?.getItem(STORAGE_KEY);
    if (!stored) return null;
    try {
      const session = JSON.parse(stored) as Session;
      return typeof session.refreshToken === "string" && typeof session.idToken === "string" ? session : null;
    } catch {
      return null;
    }
  }
}
