import { useState, type FormEvent } from "react";
import { useClarifications } from "./api/get-clarifications";
import { useAskClarification } from "./api/ask-clarification";
import { useAnswerClarification } from "./api/answer-clarification";
import { usePostAnnouncement } from "./api/post-announcement";
import type { Clarification, ContestProblemRef } from "./api/types";
import { ErrorState, Loading } from "../../components/status-states";
import { formatDate } from "../../components/format";

interface Props {
  contestId: number;
  problems: ContestProblemRef[];
  proctor: boolean;
  canAsk: boolean;
}

// Questions, answers and announcements of one contest, newest first; contestants ask, proctors
// answer (privately or to all) and announce. The list is refetched on live events (see
// use-contest-live.ts), so an answer appears without a reload.
export function ClarificationsPanel({ contestId, problems, proctor, canAsk }: Props) {
  const list = useClarifications(contestId);
  const labelOf = (problemId: number | null) =>
    problemId === null ? "General" : (problems.find((p) => p.problem_id === problemId)?.label ?? `#${problemId}`);
  const sorted = [...(list.data ?? [])].sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id);

  return (
    <section aria-label="Clarifications" className="space-y-3">
      <h2 className="text-lg font-semibold">Clarifications</h2>
      {canAsk && <AskForm contestId={contestId} problems={problems} kind={proctor ? "announce" : "ask"} />}
      {list.isPending && <Loading label="Loading the clarifications…" />}
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.isSuccess && sorted.length === 0 && <p className="text-sm text-slate-500">No clarifications yet.</p>}
      <ul className="space-y-2">
        {sorted.map((item) => (
          <li
            key={item.id}
            data-testid="clarification"
            data-id={item.id}
            className={`rounded-md border p-3 text-sm ${item.kind === "announcement" ? "border-amber-300 bg-amber-50" : "border-slate-200 bg-white"}`}
          >
            <div className="mb-1 flex flex-wrap gap-2 text-xs text-slate-500">
              <span className="font-semibold uppercase">{item.kind === "announcement" ? "Announcement" : "Question"}</span>
              <span>{labelOf(item.problem_id)}</span>
              <span>{formatDate(item.created_at)}</span>
              {item.kind === "clarification" && item.to_all && <span className="text-indigo-700">answered to all</span>}
            </div>
            {item.question && <p className="whitespace-pre-wrap">{item.question}</p>}
            {item.answer !== null ? (
              <p data-testid="clarification-answer" className="mt-1 whitespace-pre-wrap font-medium text-slate-900">
                {item.kind === "clarification" && "Answer: "}
                {item.answer}
              </p>
            ) : (
              <p className="mt-1 italic text-slate-500">Awaiting an answer</p>
            )}
            {proctor && item.kind === "clarification" && item.answer === null && (
              <AnswerForm contestId={contestId} clarification={item} />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ProblemSelect({ problems, value, onChange }: { problems: ContestProblemRef[]; value: string; onChange: (v: string) => void }) {
  return (
    <select
      aria-label="About"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      className="rounded-md border border-slate-300 px-2 py-1 text-sm"
    >
      <option value="">General</option>
      {problems
        .filter((p) => p.problem_id !== undefined)
        .map((p) => (
          <option key={p.problem_id} value={String(p.problem_id)}>
            {p.label}
          </option>
        ))}
    </select>
  );
}

function AskForm({ contestId, problems, kind }: { contestId: number; problems: ContestProblemRef[]; kind: "ask" | "announce" }) {
  const [text, setText] = useState("");
  const [problem, setProblem] = useState("");
  const ask = useAskClarification(contestId);
  const announce = usePostAnnouncement(contestId);
  const mutation = kind === "ask" ? ask : announce;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problemId = problem === "" ? null : Number(problem);
    const done = { onSuccess: () => setText("") };
    if (kind === "ask") ask.mutate({ question: text.trim(), problemId }, done);
    else announce.mutate({ text: text.trim(), problemId }, done);
  };
  const label = kind === "ask" ? "Your question" : "Announcement";
  return (
    <form onSubmit={submit} className="space-y-2 rounded-md border border-slate-200 bg-white p-3">
      <textarea
        aria-label={label}
        value={text}
        onChange={(event) => setText(event.target.value)}
        rows={2}
        placeholder={kind === "ask" ? "Ask the judges about a problem" : "Tell every contestant"}
        className="w-full rounded-md border border-slate-300 p-2 text-sm"
      />
      <div className="flex items-center gap-2">
        <ProblemSelect problems={problems} value={problem} onChange={setProblem} />
        <button
          type="submit"
          disabled={!text.trim() || mutation.isPending}
          className="rounded-md bg-indigo-600 px-3 py-1 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-50"
        >
          {kind === "ask" ? "Ask" : "Announce"}
        </button>
      </div>
      {mutation.isError && <ErrorState error={mutation.error} />}
    </form>
  );
}

function AnswerForm({ contestId, clarification }: { contestId: number; clarification: Clarification }) {
  const [text, setText] = useState("");
  const [toAll, setToAll] = useState(false);
  const answer = useAnswerClarification(contestId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    answer.mutate({ id: clarification.id, answer: text.trim(), toAll });
  };
  return (
    <form onSubmit={submit} className="mt-2 space-y-2">
      <textarea
        aria-label={`Answer to question ${clarification.id}`}
        value={text}
        onChange={(event) => setText(event.target.value)}
        rows={2}
        className="w-full rounded-md border border-slate-300 p-2 text-sm"
      />
      <div className="flex items-center gap-3">
        <label className="flex items-center gap-1 text-xs">
          <input type="checkbox" checked={toAll} onChange={(event) => setToAll(event.target.checked)} /> Answer to all
        </label>
        <button
          type="submit"
          disabled={!text.trim() || answer.isPending}
          className="rounded-md bg-slate-800 px-3 py-1 text-xs font-medium text-white disabled:opacity-50"
        >
          Answer
        </button>
      </div>
      {answer.isError && <ErrorState error={answer.error} />}
    </form>
  );
}
