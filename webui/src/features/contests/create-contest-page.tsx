import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { useCreateContest } from "./api/create-contest";
import { contestBodyFromForm, problemLabel, type ContestForm } from "./contest-form";
import { useProblems } from "../problems/api/get-problems";
import { ErrorState, Loading } from "../../components/status-states";

const inputClass = "w-full rounded-md border border-slate-300 px-2 py-1 text-sm";

// Proctors: a contest's settings and problem set; the problems are labelled A, B, ... in the
// order they are ticked. Participants are added on the contest's page once it exists.
export default function CreateContestPage() {
  const navigate = useNavigate();
  const problems = useProblems();
  const create = useCreateContest();
  const [form, setForm] = useState<ContestForm>({
    name: "",
    startsAtLocal: "",
    durationMinutes: "300",
    freezeAfterMinutes: "",
    rules: "icpc",
    visibility: "private",
    problemIds: [],
  });
  const [problem, setProblem] = useState<string | null>(null);
  const set = <K extends keyof ContestForm>(key: K, value: ContestForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const toggle = (id: number) =>
    set("problemIds", form.problemIds.includes(id) ? form.problemIds.filter((p) => p !== id) : [...form.problemIds, id]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = contestBodyFromForm(form);
    if (!result.ok) return setProblem(result.message);
    setProblem(null);
    create.mutate(result.body, { onSuccess: (contest) => void navigate(`/contests/${contest.id}`) });
  };

  return (
    <form onSubmit={submit} className="max-w-2xl space-y-4">
      <h1 className="text-2xl font-semibold">New contest</h1>
      <label className="block text-sm">
        Name
        <input className={inputClass} value={form.name} onChange={(e) => set("name", e.target.value)} />
      </label>
      <div className="grid gap-3 sm:grid-cols-3">
        <label className="block text-sm">
          Starts at (your time)
          <input type="datetime-local" className={inputClass} value={form.startsAtLocal} onChange={(e) => set("startsAtLocal", e.target.value)} />
        </label>
        <label className="block text-sm">
          Duration (minutes)
          <input inputMode="numeric" className={inputClass} value={form.durationMinutes} onChange={(e) => set("durationMinutes", e.target.value)} />
        </label>
        <label className="block text-sm">
          Freeze after (minutes, optional)
          <input inputMode="numeric" className={inputClass} value={form.freezeAfterMinutes} onChange={(e) => set("freezeAfterMinutes", e.target.value)} />
        </label>
      </div>
      <div className="flex gap-3">
        <label className="text-sm">
          Rules{" "}
          <select className="rounded-md border border-slate-300 px-2 py-1" value={form.rules} onChange={(e) => set("rules", e.target.value as ContestForm["rules"])}>
            <option value="icpc">ICPC</option>
            <option value="ioi">IOI</option>
          </select>
        </label>
        <label className="text-sm">
          Visibility{" "}
          <select
            className="rounded-md border border-slate-300 px-2 py-1"
            value={form.visibility}
            onChange={(e) => set("visibility", e.target.value as ContestForm["visibility"])}
          >
            <option value="private">Participants only</option>
            <option value="public">Public</option>
          </select>
        </label>
      </div>
      <fieldset className="rounded-md border border-slate-200 bg-white p-3">
        <legend className="px-1 text-sm font-semibold">Problems</legend>
        {problems.isPending && <Loading label="Loading the problems…" />}
        {problems.isError && <ErrorState error={problems.error} onRetry={() => void problems.refetch()} />}
        <ul className="grid gap-1 sm:grid-cols-2">
          {problems.data?.map((p) => {
            const index = form.problemIds.indexOf(p.id);
            return (
              <li key={p.id}>
                <label className="flex items-center gap-2 text-sm">
                  <input type="checkbox" checked={index >= 0} onChange={() => toggle(p.id)} />
                  <span className="w-6 font-mono font-bold">{index >= 0 ? problemLabel(index) : ""}</span>
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
        {create.isPending ? "Creating…" : "Create the contest"}
      </button>
    </form>
  );
}
