/// A benchmark scenario: `run` measures and returns a Markdown section
/// (tables with the measured figures, side by side with the peers) and its
/// headline figures, which `pnpm bench` writes to bench/results/latest.json.
export interface BenchOptions {
  /// `pnpm bench --quick`: the same measures, smaller (the whole run < 3 min).
  quick: boolean;
}

/// One headline figure: Glossa's value beside its peers' in the same run.
/// `floor` is the raw `ws` relay, `bare` a bare `@hocuspocus/server`.
export interface Figure {
  metric: string;
  unit: string;
  glossa: number;
  bare?: number;
  floor?: number;
  /// Another peer measured in the same run (the `citation` package for
  /// citations): its name and value.
  peer?: { name: string; value: number };
  /// The goal, as text ("≤ bare", "≤ 50 ms p99").
  goal?: string;
}

export interface ScenarioResult {
  markdown: string;
  figures?: Figure[];
}

export interface Scenario {
  name: string;
  run(progress: (message: string) => void, options: BenchOptions): Promise<ScenarioResult>;
}
