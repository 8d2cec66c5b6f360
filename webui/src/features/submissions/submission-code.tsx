import { useQuery } from "@tanstack/react-query";
import { getSubmission } from "./api/get-submission";
import { ErrorState, Loading } from "../../components/status-states";

// List pages carry no code (they would be large): one submission's code is fetched when shown.
export function SubmissionCode({ id }: { id: number }) {
  const submission = useQuery({ queryKey: ["submission", id], queryFn: () => getSubmission(id) });
  if (submission.isPending) return <Loading label="Loading the code…" />;
  if (submission.isError) return <ErrorState error={submission.error} onRetry={() => void submission.refetch()} />;
  return (
    <pre data-testid="submission-code" className="max-h-96 overflow-auto rounded bg-slate-900 p-3 font-mono text-xs text-slate-100">
      {submission.data.code ?? ""}
    </pre>
  );
}
