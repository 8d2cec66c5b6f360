import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { useSession } from "./session-context";

// Pages that need a user send everyone else to /login, remembering where they were going.
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (!session) {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  return <>{children}</>;
}
