import type { RatingPoint } from "./api/types";

const kWidth = 320;
const kHeight = 120;
const kPad = 8;

export interface ChartGeometry {
  path: string;
  dots: { x: number; y: number; rating: number }[];
  min: number;
  max: number;
}

// Maps the ratings to the SVG box: oldest on the left; the range is padded so a flat history
// is a line across the middle, not a division by zero.
export function chartGeometry(ratings: number[], width = kWidth, height = kHeight): ChartGeometry {
  const low = Math.min(...ratings);
  const high = Math.max(...ratings);
  const min = high - low < 20 ? low - 10 : low;
  const max = high - low < 20 ? high + 10 : high;
  const step = ratings.length > 1 ? (width - 2 * kPad) / (ratings.length - 1) : 0;
  const dots = ratings.map((rating, index) => ({
    x: Math.round((ratings.length > 1 ? kPad + index * step : width / 2) * 10) / 10,
    y: Math.round((kPad + ((max - rating) / (max - min)) * (height - 2 * kPad)) * 10) / 10,
    rating,
  }));
  const path = dots.map((dot, index) => `${index === 0 ? "M" : "L"}${dot.x} ${dot.y}`).join(" ");
  return { path, dots, min, max };
}

// The rating after each rated duel as a small line chart (plain SVG: no chart library).
export function RatingChart({ points }: { points: RatingPoint[] }) {
  if (points.length === 0) {
    return <p className="text-sm text-slate-500">No rated duels yet: your rating history starts with your first.</p>;
  }
  const ratings = points.map((point) => Math.round(point.rating));
  const { path, dots, min, max } = chartGeometry(ratings);
  return (
    <figure data-testid="rating-chart">
      <svg
        viewBox={`0 0 ${kWidth} ${kHeight}`}
        role="img"
        aria-label={`Rating history: ${ratings.join(", ")}`}
        className="h-32 w-full max-w-md rounded bg-white ring-1 ring-slate-200"
      >
        <path d={path} fill="none" stroke="#4f46e5" strokeWidth="2" />
        {dots.map((dot, index) => (
          <circle key={index} cx={dot.x} cy={dot.y} r="3" fill="#4f46e5">
            <title>{`${dot.rating} (${points[index].changed_at.slice(0, 10)})`}</title>
          </circle>
        ))}
      </svg>
      <figcaption className="mt-1 text-xs text-slate-500">
        {points.length} rated duel{points.length === 1 ? "" : "s"} · range {Math.round(min)}–{Math.round(max)}
      </figcaption>
    </figure>
  );
}
