import { lazy } from "react";
import { Link, type RouteObject } from "react-router";
import type { QueryClient } from "@tanstack/react-query";
import { Layout } from "./layout";
import { RequireAuth } from "../features/auth/require-auth";
import { EmptyState, Loading } from "../components/status-states";
import { getProblem } from "../features/problems/api/get-problem";
import { getLanguages } from "../features/languages/api/get-languages";
import { preloadCodeEditor } from "../features/editor/lazy-code-editor";
import { preloadableLazy } from "../lib/preloadable-lazy";

// Every page is its own chunk: the first load carries the frame and the page it lands on.
const ProblemListPage = lazy(() => import("../features/problems/problem-list-page"));
const ProblemPage = preloadableLazy(() => import("../features/problems/problem-page"));
const LoginPage = lazy(() => import("../features/auth/login-page"));
const RegisterPage = lazy(() => import("../features/auth/register-page"));
const PlaygroundPage = lazy(() => import("../features/playground/playground-page"));
const SubmissionsPage = lazy(() => import("../features/submissions/submissions-page"));
const LeaderboardPage = lazy(() => import("../features/leaderboard/leaderboard-page"));
const ContestListPage = lazy(() => import("../features/contests/contest-list-page"));
const ContestPage = lazy(() => import("../features/contests/contest-page"));
const CreateContestPage = lazy(() => import("../features/contests/create-contest-page"));
const ScoreboardPage = lazy(() => import("../features/contests/scoreboard-page"));
const DuelLobbyPage = lazy(() => import("../features/duels/duel-lobby-page"));
const DuelPage = lazy(() => import("../features/duels/duel-page"));
const BracketListPage = lazy(() => import("../features/brackets/bracket-list-page"));
const BracketPage = lazy(() => import("../features/brackets/bracket-page"));
const CreateBracketPage = lazy(() => import("../features/brackets/create-bracket-page"));

function NotFound() {
  return (
    <EmptyState>
      There is no page here. <Link to="/" className="font-medium text-indigo-700 underline">Back to the problems</Link>
    </EmptyState>
  );
}

// Starts everything the problem page needs at once instead of one after the other (page chunk,
// then its data, then the editor chunk). The two fetchers are in the initial chunk (they are a
// few lines) so the data is requested while the chunks download, not after a chunk of their own.
// The loader waits for the page and editor chunks (not the data: the page shows its own loading
// state): rendered only once they are in, neither suspends, so React shows no Suspense fallback
// and does not hold the editor back behind its 300 ms fallback throttle. Until then the router
// shows the hydrate fallback on a first load, or keeps the previous page on a navigation. A
// failing editor chunk does not hold the page back (its import is tried again when it renders).
function warmProblemPage(queryClient: QueryClient, slug: string): Promise<unknown> {
  void queryClient.prefetchQuery({ queryKey: ["problem", slug], queryFn: () => getProblem(slug) });
  void queryClient.prefetchQuery({ queryKey: ["languages"], queryFn: getLanguages, staleTime: Infinity });
  return Promise.all([ProblemPage.preload(), preloadCodeEditor().catch(() => undefined)]);
}

export function createRoutes(queryClient: QueryClient): RouteObject[] {
  return [
    {
      element: <Layout />,
      children: [
        { path: "/", element: <ProblemListPage /> },
        {
          path: "/problems/:slug",
          element: <ProblemPage />,
          hydrateFallbackElement: <Loading />,
          loader: async ({ params }) => {
            await warmProblemPage(queryClient, params.slug ?? "");
            return null;
          },
        },
        { path: "/login", element: <LoginPage /> },
        { path: "/register", element: <RegisterPage /> },
        { path: "/playground", element: <RequireAuth><PlaygroundPage /></RequireAuth> },
        { path: "/submissions", element: <RequireAuth><SubmissionsPage /></RequireAuth> },
        { path: "/leaderboard", element: <LeaderboardPage /> },
        { path: "/contests", element: <ContestListPage /> },
        { path: "/contests/new", element: <RequireAuth><CreateContestPage /></RequireAuth> },
        { path: "/contests/:id", element: <ContestPage /> },
        { path: "/contests/:id/scoreboard", element: <ScoreboardPage /> },
        {
          // The problem page within a contest: the same page, submitting with contest_id.
          path: "/contests/:id/problems/:slug",
          element: <ProblemPage />,
          hydrateFallbackElement: <Loading />,
          loader: async ({ params }) => {
            await warmProblemPage(queryClient, params.slug ?? "");
            return null;
          },
        },
        { path: "/duels", element: <RequireAuth><DuelLobbyPage /></RequireAuth> },
        { path: "/duels/:id", element: <RequireAuth><DuelPage /></RequireAuth> },
        { path: "/brackets", element: <RequireAuth><BracketListPage /></RequireAuth> },
        { path: "/brackets/new", element: <RequireAuth><CreateBracketPage /></RequireAuth> },
        { path: "/brackets/:id", element: <RequireAuth><BracketPage /></RequireAuth> },
        { path: "*", element: <NotFound /> },
      ],
    },
  ];
}
