import { NavLink, useNavigate } from "react-router";
import { useSession } from "../features/auth/session-context";
import { logout } from "../features/auth/api/logout";

const kLinks = [
  { to: "/", label: "Problems", end: true },
  { to: "/playground", label: "Playground" },
  { to: "/submissions", label: "Submissions" },
  { to: "/contests", label: "Contests" },
  { to: "/duels", label: "Duels" },
  { to: "/brackets", label: "Brackets" },
  { to: "/leaderboard", label: "Leaderboard" },
];

export function Header() {
  const session = useSession();
  const navigate = useNavigate();
  const linkClass = ({ isActive }: { isActive: boolean }) =>
    `whitespace-nowrap rounded px-2 py-1 ${isActive ? "bg-slate-700 text-white" : "text-slate-300 hover:text-white"}`;

  return (
    <header className="bg-slate-900 text-slate-100">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2">
        <NavLink to="/" className="text-lg font-bold tracking-tight text-white">
          Code<span className="text-indigo-400">Arena</span>
        </NavLink>
        <nav aria-label="Main" className="order-3 flex w-full gap-1 overflow-x-auto text-sm sm:order-none sm:w-auto">
          {kLinks.map((link) => (
            <NavLink key={link.to} to={link.to} end={link.end} className={linkClass}>
              {link.label}
            </NavLink>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          {session ? (
            <>
              <span data-testid="current-user" className="font-medium">
                {session.user.username}
                <span className="ml-1 text-xs text-slate-400">{session.user.rating}</span>
              </span>
              <button
                type="button"
                onClick={() => void logout().then(() => navigate("/"))}
                className="rounded border border-slate-600 px-2 py-0.5 hover:bg-slate-800"
              >
                Log out
              </button>
            </>
          ) : (
            <>
              <NavLink to="/login" className="hover:underline">Log in</NavLink>
              <NavLink to="/register" className="rounded bg-indigo-600 px-2 py-0.5 hover:bg-indigo-500">
                Register
              </NavLink>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
