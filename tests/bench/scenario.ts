/// A benchmark scenario: `run` measures and returns a Markdown section
/// (tables with the measured figures, side by side with the baseline).
export interface Scenario {
  name: string;
  run(progress: (message: string) => void): Promise<{ markdown: string }>;
}
