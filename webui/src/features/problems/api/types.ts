export type Difficulty = "easy" | "medium" | "hard";

export interface Limits {
  time_limit_ms: number;
  memory_limit_kb: number;
  output_limit_kb: number;
}

export interface ProblemSummary {
  id: number;
  slug: string;
  title: string;
  difficulty: Difficulty;
  limits: Limits;
}

export interface Sample {
  input: string;
  output: string;
}

export interface Problem extends ProblemSummary {
  description: string;
  samples: Sample[];
}
