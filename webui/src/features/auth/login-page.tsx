import { useState, type FormEvent } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { useMutation } from "@tanstack/react-query";
import { login } from "./api/login";
import { AuthCard, Field } from "./auth-form";
import { errorMessage, isApiError } from "../../lib/api-error";

export default function LoginPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? "/";
  const expired = new URLSearchParams(location.search).has("expired");
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const mutation = useMutation({ mutationFn: login, onSuccess: () => navigate(from, { replace: true }) });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate({ login: name, password });
  };

  const failure = mutation.error;
  return (
    <AuthCard title="Log in">
      {expired && !failure && (
        <p role="status" className="mb-3 rounded bg-amber-50 p-2 text-sm text-amber-800">
          Your session ended. Please log in again.
        </p>
      )}
      <form onSubmit={onSubmit} noValidate>
        <Field label="Username or email" name="login" autoComplete="username" value={name} onChange={setName} />
        <Field label="Password" name="password" type="password" autoComplete="current-password" value={password} onChange={setPassword} />
        {failure && (
          <p role="alert" className="mb-3 rounded bg-red-50 p-2 text-sm text-red-800">
            {isApiError(failure) && (failure.status === 401 || failure.status === 404)
              ? "Wrong username/email or password."
              : errorMessage(failure)}
          </p>
        )}
        <button
          type="submit"
          disabled={mutation.isPending || !name || !password}
          className="w-full rounded-md bg-indigo-600 py-2 font-medium text-white hover:bg-indigo-700 disabled:opacity-50"
        >
          {mutation.isPending ? "Logging in…" : "Log in"}
        </button>
      </form>
      <p className="mt-4 text-sm text-slate-600">
        No account?{" "}
        <Link to="/register" state={location.state} className="font-medium text-indigo-700 underline">
          Register
        </Link>
      </p>
    </AuthCard>
  );
}
