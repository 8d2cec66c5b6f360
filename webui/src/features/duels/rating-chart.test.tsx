import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/react";
import { chartGeometry, RatingChart } from "./rating-chart";
import type { RatingPoint } from "./api/types";

const point = (rating: number, day: number): RatingPoint => ({
  rating,
  previous_rating: null,
  delta: null,
  rating_deviation: 200,
  volatility: 0.06,
  match_id: day,
  changed_at: `2026-01-0${day}T10:00:00Z`,
});

describe("chartGeometry", () => {
  it("puts the oldest rating on the left and higher ratings higher up", () => {
    const { dots, path } = chartGeometry([1500, 1600, 1400], 320, 120);
    expect(dots.map((dot) => dot.x)).toEqual([8, 160, 312]);
    expect(dots[1].y).toBeLessThan(dots[0].y);
    expect(dots[2].y).toBeGreaterThan(dots[0].y);
    expect(dots[1].y).toBe(8); // the highest touches the top padding
    expect(dots[2].y).toBe(112); // the lowest the bottom
    expect(path).toBe("M8 60 L160 8 L312 112");
  });

  it("draws a flat history and a single point without dividing by zero", () => {
    const flat = chartGeometry([1500, 1500], 320, 120);
    expect(flat.dots.every((dot) => Number.isFinite(dot.y) && dot.y === 60)).toBe(true);
    const single = chartGeometry([1500], 320, 120);
    expect(single.dots).toEqual([{ x: 160, y: 60, rating: 1500 }]);
  });
});

describe("RatingChart", () => {
  it("says so when there are no rated duels", () => {
    render(<RatingChart points={[]} />);
    expect(screen.getByText(/No rated duels yet/)).toBeInTheDocument();
    expect(screen.queryByRole("img")).toBeNull();
  });

  it("names every rating for screen readers and draws one dot per duel", () => {
    const { container } = render(<RatingChart points={[point(1500, 1), point(1562.4, 2)]} />);
    expect(screen.getByRole("img")).toHaveAccessibleName("Rating history: 1500, 1562");
    expect(container.querySelectorAll("circle")).toHaveLength(2);
    expect(screen.getByText(/2 rated duels/)).toBeInTheDocument();
  });
});
