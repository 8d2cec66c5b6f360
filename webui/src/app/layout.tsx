import { Suspense, useEffect, useRef } from "react";
import { Outlet, useLocation, useNavigate } from "react-router";
import { Header } from "./header";
import { Loading } from "../components/status-states";
import { useSession } from "../features/auth/session-context";

// The page frame. When a session ends by itself (the refresh token was refused), the user is
// sent to /login with a note instead of meeting errors on the next click.
export function Layout() {
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const hadSession = useRef(session !== null);

  useEffect(() => {
    if (hadSession.current && !session && location.pathname !== "/") {
      navigate("/login?expired=1", { replace: true, state: { from: location.pathname } });
    }
    hadSession.current = session !== null;
    // Only a change of session triggers this, not navigation.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session]);

  return (
    <div className="flex min-h-screen flex-col">
      <Header />
      <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
