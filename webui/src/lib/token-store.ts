// Where the session lives: localStorage, so a reload or a second tab keeps the user logged in.
// Listeners hear every change (login, refresh, logout, expiry) so React state can follow.

export interface SessionUser {
  id: number;
  email: string;
  username: string;
  role: "contestant" | "proctor" | "admin";
  rating: number;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: SessionUser;
}

const kKey = "arena.session";

type Listener = (session: Session | null) => void;
const listeners = new Set<Listener>();

export function loadSession(): Session | null {
  try {
    const text = localStorage.getItem(kKey);
    if (!text) return null;
    const value = JSON.parse(text) as Partial<Session>;
    if (typeof value.accessToken !== "string" || typeof value.refreshToken !== "string" || !value.user) {
      return null;
    }
    return value as Session;
  } catch {
    return null; // storage blocked or corrupt: behave as logged out
  }
}

export function saveSession(session: Session | null): void {
  try {
    if (session) localStorage.setItem(kKey, JSON.stringify(session));
    else localStorage.removeItem(kKey);
  } catch {
    // storage full or blocked: the session still lives for this page through the listeners
  }
  for (const listener of listeners) listener(session);
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Seconds until the JWT's exp claim (negative when expired); null when it cannot be read.
export function secondsUntilExpiry(jwt: string, nowMs = Date.now()): number | null {
  const payload = jwt.split(".")[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === "number" ? exp - nowMs / 1000 : null;
  } catch {
    return null;
  }
}
