import type { ReactNode } from "react";

export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="mx-auto mt-8 max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="mb-4 text-xl font-semibold">{title}</h1>
      {children}
    </div>
  );
}

export function Field({
  label,
  name,
  type = "text",
  autoComplete,
  value,
  onChange,
  invalid,
  hint,
}: {
  label: string;
  name: string;
  type?: string;
  autoComplete?: string;
  value: string;
  onChange: (value: string) => void;
  invalid?: boolean;
  hint?: string;
}) {
  const hintId = hint ? `${name}-hint` : undefined;
  return (
    <div className="mb-3 text-sm">
      <label htmlFor={name} className="mb-1 block font-medium text-slate-700">
        {label}
      </label>
      <input
        id={name}
        name={name}
        aria-describedby={hintId}
        type={type}
        autoComplete={autoComplete}
        required
        value={value}
        aria-invalid={invalid || undefined}
        onChange={(event) => onChange(event.target.value)}
        className={`w-full rounded-md border px-3 py-2 ${invalid ? "border-red-400" : "border-slate-300"}`}
      />
      {hint && (
        <span id={hintId} className="mt-1 block text-xs text-slate-500">
          {hint}
        </span>
      )}
    </div>
  );
}

// Which field a server message is about: "username must be 3 to 32 characters" or a JSON
// reader path like "registration.password: ..." names it.
export function fieldOfMessage(message: string, fields: string[]): string | null {
  const lower = message.toLowerCase();
  for (const field of fields) {
    if (lower.startsWith(field) || lower.includes(`.${field}`) || lower.includes(`${field} `)) return field;
  }
  return null;
}
