// Theory of operation: one WebSocket to /api/ws per logged-in tab, authenticated with
// ?access_token= (browsers cannot set headers on a WebSocket). The server puts the connection
// on the user's own channel; pages add channels (leaderboard) with subscribe. Any close — a
// network drop, a server restart, 4008 for a client that fell behind — schedules a reconnect
// with exponential backoff and jitter; every (re)connect is announced so pages refetch over
// REST, which is how state is resumed. A token that has expired is refreshed before connecting
// (a failed upgrade looks like a plain close to a browser, so the client cannot see the 401).
// Without the socket the app still works: pending submissions poll while `connected` is false.

import { refreshSession } from "./api-client";
import { loadSession, secondsUntilExpiry } from "./token-store";

export interface LiveEvent {
  type: string;
  data: Record<string, unknown>;
}

type EventListener = (event: LiveEvent) => void;
type StateListener = (connected: boolean) => void;

export interface LiveClientOptions {
  url?: () => string;
  createSocket?: (url: string) => WebSocket;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  random?: () => number;
}

export class LiveClient {
  private socket: WebSocket | null = null;
  private connectedFlag = false;
  private wanted = false;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly channels = new Set<string>();
  private readonly eventListeners = new Set<EventListener>();
  private readonly stateListeners = new Set<StateListener>();
  private readonly options: Required<LiveClientOptions>;

  constructor(options: LiveClientOptions = {}) {
    this.options = {
      url: options.url ?? defaultUrl,
      createSocket: options.createSocket ?? ((url) => new WebSocket(url)),
      minBackoffMs: options.minBackoffMs ?? 500,
      maxBackoffMs: options.maxBackoffMs ?? 30_000,
      random: options.random ?? Math.random,
    };
  }

  get connected(): boolean {
    return this.connectedFlag;
  }

  start(): void {
    if (this.wanted) return;
    this.wanted = true;
    this.attempt = 0;
    void this.open();
  }

  stop(): void {
    this.wanted = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, "logout");
    this.setConnected(false);
  }

  subscribe(channel: string): () => void {
    this.channels.add(channel);
    this.sendFrame({ type: "subscribe", data: { channel } });
    return () => {
      this.channels.delete(channel);
      this.sendFrame({ type: "unsubscribe", data: { channel } });
    };
  }

  onEvent(listener: EventListener): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onStateChange(listener: StateListener): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  // The delay before reconnect attempt n (0-based): doubling, capped, with up to 50% jitter so
  // a server restart is not met by every tab at the same instant.
  backoffMs(attempt: number): number {
    const base = Math.min(this.options.maxBackoffMs, this.options.minBackoffMs * 2 ** attempt);
    return Math.round(base / 2 + (base / 2) * this.options.random());
  }

  private async open(): Promise<void> {
    if (!this.wanted) return;
    let session = loadSession();
    const left = session ? secondsUntilExpiry(session.accessToken) : null;
    if (session && left !== null && left < 10) {
      try {
        session = await refreshSession();
      } catch {
        // network down: try again later with the old token
      }
    }
    if (!this.wanted) return;
    if (!session) {
      this.wanted = false; // logged out: nothing to connect as
      return;
    }
    const url = `${this.options.url()}?access_token=${encodeURIComponent(session.accessToken)}`;
    let socket: WebSocket;
    try {
      socket = this.options.createSocket(url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.attempt = 0;
      for (const channel of this.channels) {
        socket.send(JSON.stringify({ type: "subscribe", data: { channel } }));
      }
      this.setConnected(true);
    };
    socket.onmessage = (message) => {
      if (this.socket !== socket || typeof message.data !== "string") return;
      const event = parseEvent(message.data);
      if (event) for (const listener of this.eventListeners) listener(event);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.setConnected(false);
      this.scheduleReconnect();
    };
    socket.onerror = () => {
      // onclose follows and schedules the reconnect
    };
  }

  private scheduleReconnect(): void {
    if (!this.wanted || this.timer) return;
    const delay = this.backoffMs(this.attempt++);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.open();
    }, delay);
  }

  private sendFrame(frame: LiveEvent | { type: string; data: unknown }): void {
    if (this.socket && this.connectedFlag) this.socket.send(JSON.stringify(frame));
  }

  private setConnected(value: boolean): void {
    if (this.connectedFlag === value) return;
    this.connectedFlag = value;
    for (const listener of this.stateListeners) listener(value);
  }
}

function defaultUrl(): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}/api/ws`;
}

export function parseEvent(text: string): LiveEvent | null {
  try {
    const value = JSON.parse(text) as { type?: unknown; data?: unknown };
    if (typeof value.type !== "string") return null;
    const data = value.data && typeof value.data === "object" ? (value.data as Record<string, unknown>) : {};
    return { type: value.type, data };
  } catch {
    return null;
  }
}

// The app's one connection.
export const liveClient = new LiveClient();
