import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { liveClient } from "../../lib/live-client";
import { loadSession, onSessionChange, type Session } from "../../lib/token-store";

const SessionContext = createContext<Session | null>(null);

// Follows the stored session (login, refresh, logout, a failed refresh) and keeps the live
// channel open exactly while someone is logged in.
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(loadSession);
  const queryClient = useQueryClient();

  useEffect(
    () =>
      onSessionChange((next) => {
        setSession((previous) => {
          // A different user (or none): drop everything cached for the previous one.
          if (previous?.user.id !== next?.user.id) queryClient.removeQueries();
          return next;
        });
      }),
    [queryClient],
  );

  const loggedIn = session !== null;
  useEffect(() => {
    if (!loggedIn) return;
    liveClient.start();
    return () => liveClient.stop();
  }, [loggedIn]);

  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session | null {
  return useContext(SessionContext);
}
