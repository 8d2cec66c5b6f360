import { lazy } from "react";
import { Link, type RouteObject } from "react-router";
import type { QueryClient } from "@tanstack/react-query";
import { Layout } from "./layout";
import { RequireAuth } from "../features/auth/require-auth";
import { EmptyState, Loading } from "../components/status-states";

// Every page is its own chunk: the first load carries the frame and the page it lands on.
const loadProblemPage = () => import("../features/problems/problem-page");
const loadEditor = () => import("../features/editor/code-editor");
const ProblemListPage = lazy(() => import("../features/problems/problem-list-page"));
const ProblemPage = lazy(loadProblemPage);
const LoginPage = lazy(() => import("../features/auth/login-page"));
const RegisterPage = lazy(() => import("../features/auth/register-page"));
const PlaygroundPage = lazy(() => import("../features/playground/playground-page"));
const SubmissionsPage = lazy(() => import("../features/submissions/submissions-page"));
const LeaderboardPage = lazy(() => import("../features/leaderboard/leaderboard-page"));

function NotFound() {
  return (
    <EmptyState>
      There is no page here. <Link to="/" className="font-medium text-indigo-700 underline">Back to the problems</Link>
    </EmptyState>
  );
}

// Starts everything the problem page needs at once instead of one after the other (page chunk,
// then its data, then the editor chunk): the editor shows up one round of waiting sooner.
// Nothing is awaited; the page renders its own loading states.
async function warmProblemPage(queryClient: QueryClient, slug: string) {
  void loadProblemPage();
  void loadEditor();
  const [{ getProblem }, { getLanguages }] = await Promise.all([
    import("../features/problems/api/get-problem"),
    import("../features/languages/api/get-languages"),
  ]);
  void queryClient.prefetchQuery({ queryKey: ["problem", slug], queryFn: () => getProblem(slug) });
  void queryClient.prefetchQuery({ queryKey: ["languages"], queryFn: getLanguages, staleTime: Infinity });
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
          loader: ({ params }) => {
            void warmProblemPage(queryClient, params.slug ?? "");
            return null;
          },
        },
        { path: "/login", element: <LoginPage /> },
        { path: "/register", element: <RegisterPage /> },
        { path: "/playground", element: <RequireAuth><PlaygroundPage /></RequireAuth> },
        { path: "/submissions", element: <RequireAuth><SubmissionsPage /></RequireAuth> },
        { path: "/leaderboard", element: <LeaderboardPage /> },
        { path: "*", element: <NotFound /> },
      ],
    },
  ];
}
