import { useState, type FormEvent } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { useMutation } from "@tanstack/react-query";
import { register } from "./api/register";
import { AuthCard, Field, fieldOfMessage } from "./auth-form";
import { errorMessage } from "../../lib/api-error";

const kFields = ["email", "username", "password"];

export default function RegisterPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? "/";
  const [email, setEmail] = useState("");
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const mutation = useMutation({ mutationFn: register, onSuccess: () => navigate(from, { replace: true }) });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate({ email, username, password });
  };

  // The server's message names what is wrong; mark that field too.
  const message = mutation.error ? errorMessage(mutation.error) : null;
  const badField = message ? fieldOfMessage(message, kFields) : null;
  return (
    <AuthCard title="Create an account">
      <form onSubmit={onSubmit} noValidate>
        <Field label="Email" name="email" type="email" autoComplete="email" value={email} onChange={setEmail} invalid={badField === "email"} />
        <Field
          label="Username"
          name="username"
          autoComplete="username"
          value={username}
          onChange={setUsername}
          invalid={badField === "username"}
          hint="Letters, digits, '_', '.' and '-'."
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
          invalid={badField === "password"}
        />
        {message && (
          <p role="alert" className="mb-3 rounded bg-red-50 p-2 text-sm text-red-800">
            {message}
          </p>
        )}
        <button
          type="submit"
          disabled={mutation.isPending}
          className="w-full rounded-md bg-indigo-600 py-2 font-medium text-white hover:bg-indigo-700 disabled:opacity-50"
        >
          {mutation.isPending ? "Creating…" : "Register"}
        </button>
      </form>
      <p className="mt-4 text-sm text-slate-600">
        Have an account?{" "}
        <Link to="/login" state={location.state} className="font-medium text-indigo-700 underline">
          Log in
        </Link>
      </p>
    </AuthCard>
  );
}
