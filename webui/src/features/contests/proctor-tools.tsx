import { useState, type FormEvent } from "react";
import { useAddParticipants } from "./api/add-participants";
import { useUnfreezeContest } from "./api/unfreeze-contest";
import { parseUserIds } from "./contest-form";
import { RevealNext } from "./reveal-next";
import type { Contest } from "./api/types";
import { ErrorState } from "../../components/status-states";

// The proctor's controls on a contest page: add participants (by user id, each a team of one)
// and reveal a frozen scoreboard.
export function ProctorTools({ contest }: { contest: Contest }) {
  const [ids, setIds] = useState("");
  const [invalid, setInvalid] = useState(false);
  const add = useAddParticipants(contest.id);
  const unfreeze = useUnfreezeContest(contest.id);
  const canUnfreeze = contest.freezes_at !== null && contest.unfrozen_at === null && contest.state !== "scheduled" && contest.state !== "running";

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const users = parseUserIds(ids);
    setInvalid(users === null);
    if (users) add.mutate(users, { onSuccess: () => setIds("") });
  };

  return (
    <section aria-label="Proctor tools" className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
      <h2 className="font-semibold">Proctor tools</h2>
      <form onSubmit={submit} className="flex flex-wrap items-center gap-2">
        <label className="flex items-center gap-2">
          Add participants (user ids)
          <input value={ids} onChange={(e) => setIds(e.target.value)} placeholder="3, 5, 12" className="rounded-md border border-slate-300 px-2 py-1" />
        </label>
        <button type="submit" disabled={add.isPending} className="rounded-md bg-slate-800 px-3 py-1 text-white disabled:opacity-50">
          Add
        </button>
        {canUnfreeze && (
          <button
            type="button"
            disabled={unfreeze.isPending}
            onClick={() => unfreeze.mutate()}
            className="ml-auto rounded-md bg-amber-600 px-3 py-1 text-white disabled:opacity-50"
          >
            Unfreeze the scoreboard
          </button>
        )}
      </form>
      {canUnfreeze && contest.state === "ended" && <RevealNext contest={contest} />}
      {invalid && <p role="alert" className="text-red-700">User ids are whole numbers separated by commas or spaces.</p>}
      {add.isSuccess && (
        <p data-testid="participants-result">
          Added {add.data.teams.map((team) => team.name).join(", ") || "nobody"}
          {add.data.errors.length > 0 && <span className="text-red-700"> · {add.data.errors.map((e) => e.message).join("; ")}</span>}
        </p>
      )}
      {add.isError && <ErrorState error={add.error} />}
      {unfreeze.isError && <ErrorState error={unfreeze.error} />}
    </section>
  );
}
