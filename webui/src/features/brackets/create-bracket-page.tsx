import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { useCreateBracket } from "./api/create-bracket";
import { bracketBodyFromForm, type BracketForm } from "./bracket-form";
import { useProblems } from "../problems/api/get-problems";
import { ErrorState, Loading } from "../../components/status-states";

const inputClass = "w-full rounded-md border border-slate-300 px-2 py-1 text-sm";

// Proctors: a bracket for a class. Players by id or username; the server seeds them by rating.
// Ticked problems are played round by round (round 1 the first ticked); none ticked: each duel
// gets a problem neither player has solved, as matchmaking picks.
export default function CreateBracketPage() {
  const navigate = useNavigate();
  const problems = useProblems();
  const create = useCreateBracket();
  const [form, setForm] = useState<BracketForm>({ name: "", players: "", rated: false, problemIds: [] });
  const [problem, setProblem] = useState<string | null>(null);
  const set = <K extends keyof BracketForm>(key: K, value: BracketForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const toggle = (id: number) =>
    set("problemIds", form.problemIds.includes(id) ? form.problemIds.filter((p) => p !== id) : [...form.problemIds, id]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = bracketBodyFromForm(form);
    if (!result.ok) return setProblem(result.message);
    setProblem(null);
    create.mutate(result.body, { onSuccess: (bracket) => void navigate(`/brackets/${bracket.id}`) });
  };

  return (
    <form onSubmit={submit} className="max-w-2xl space-y-4">
      <h1 className="text-2xl font-semibold">New bracket</h1>
      <label className="block text-sm">
        Name
        <input className={inputClass} value={form.name} onChange={(e) => set("name", e.target.value)} />
      </label>
      <label className="block text-sm">
        Players (ids or usernames, 2 to 64)
        <textarea rows={4} className={inputClass} value={form.players} onChange={(e) => set("players", e.target.value)} />
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={form.rated} onChange={(e) => set("rated", e.target.checked)} />
        Rated (duels change ratings)
      </label>
      <fieldset className="rounded-md border border-slate-200 bg-white p-3">
        <legend className="px-1 text-sm font-semibold">Problems by round (optional)</legend>
        {problems.isPending && <Loading label="Loading the problems…" />}
        {problems.isError && <ErrorState error={problems.error} onRetry={() => void problems.refetch()} />}
        <ul className="grid gap-1 sm:grid-cols-2">
          {problems.data?.map((p) => {
            const index = form.problemIds.indexOf(p.id);
            return (
              <li key={p.id}>
                <label className="flex items-center gap-2 text-sm">
                  <input type="checkbox" checked={index >= 0} onChange={() => toggle(p.id)} />
                  <span className="w-16 text-xs text-slate-500">{index >= 0 ? `round ${index + 1}` : ""}</span>
                  {p.title}
                </label>
              </li>
            );
          })}
        </ul>
      </fieldset>
      {problem && (
        <p role="alert" className="text-sm text-red-700">
          {problem}
        </p>
      )}
      {create.isError && <ErrorState error={create.error} />}
      <button
        type="submit"
        disabled={create.isPending}
        className="rounded-md bg-indigo-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-50"
      >
        {create.isPending ? "Creating…" : "Create the bracket"}
      </button>
    </form>
  );
}
