import type { Session } from "./auth-client.js";
import { userFromIdToken } from "./id-token-claims.js";
import { needsRefreshBeforeUse, refreshDelayMs } from "./refresh-timing.js";

/** The part of `localStorage` the session needs (tests pass a map). */
export type SessionStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/** What an identity provider hands back on sign-in or refresh. */
export interface IssuedTokens {
  idToken: string;
  refreshToken: string;
  /** Seconds the id token is accepted for. */
  expiresIn: number;
}

export interface SessionKeeperOptions {
  /** Where the session survives reloads; each provider keeps its own key. */
  storageKey: string;
  storage?: SessionStorage | undefined;
  now?: (() => number) | undefined;
  /** After a refresh fails for want of a network, try again this much later. */
  retryAfterNetworkErrorMs?: number | undefined;
  /** Asks the provider for fresh tokens; rejects when it refuses or cannot be reached. */
  renew: (session: Session) => Promise<IssuedTokens>;
  /** Whether a failed renewal may succeed later (offline, a 5xx) rather than meaning the session is over. */
  isTransient: (error: unknown) => boolean;
}

/**
 * The provider-neutral half of an auth client: holds the session, stores it, renews it quietly before it
 * expires (one renewal at a time, since some providers accept each refresh token once), and tells
 * listeners about every change. Each `AuthClient` adds only how to talk to its identity provider.
 */
export class SessionKeeper {
  private current: Session | null;
  private inFlight: Promise<Session | null> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly now: () => number;

  constructor(private readonly options: SessionKeeperOptions) {
    this.now = options.now ?? Date.now;
    this.current = this.loadStoredSession();
    if (this.current) this.scheduleRefresh(this.current);
  }

  /** Starts (or replaces) the session with freshly issued tokens. */
  start(tokens: IssuedTokens): Session {
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

  /** Ends the session locally (forgets the tokens). */
  end(): void {
    this.replace(null);
  }

  refresh(): Promise<Session | null> {
    this.inFlight ??= this.renew().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
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
      const tokens = await this.options.renew(session);
      // Signed out (or in as someone else) while the refresh was on its way: keep what is current.
      if (this.current !== session) return this.current;
      return this.start(tokens);
    } catch (error) {
      if (this.options.isTransient(error)) {
        this.scheduleRetry();
        throw error;
      }
      if (this.current === session) this.replace(null);
      return null;
    }
  }

  private replace(session: Session | null): void {
    this.current = session;
    clearTimeout(this.timer);
    this.timer = undefined;
    const { storage, storageKey } = this.options;
    if (session) {
      storage?.setItem(storageKey, JSON.stringify(session));
      this.scheduleRefresh(session);
    } else {
      storage?.removeItem(storageKey);
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
    const stored = this.options.storage?.getItem(this.options.storageKey);
    if (!stored) return null;
    try {
      const session = JSON.parse(stored) as Session;
      return typeof session.refreshToken === "string" && typeof session.idToken === "string" ? session : null;
    } catch {
      return null;
    }
  }
}
