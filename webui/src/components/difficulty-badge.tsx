const kColours: Record<string, string> = {
  easy: "bg-emerald-50 text-emerald-700",
  medium: "bg-amber-50 text-amber-700",
  hard: "bg-rose-50 text-rose-700",
};

export function DifficultyBadge({ difficulty }: { difficulty: string }) {
  return (
    <span className={`rounded px-2 py-0.5 text-xs font-medium capitalize ${kColours[difficulty] ?? ""}`}>
      {difficulty}
    </span>
  );
}
