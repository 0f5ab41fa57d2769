import cliProgress from "cli-progress";
import type { OnProgress, Progress } from "../storage/backup.ts";

/// Progress of a long command on stderr: a bar on a terminal, otherwise
/// (a log, a pipe, a test) one plain line per tenth of the work and per step.
export function progressReporter(
  stream: NodeJS.WritableStream,
  label: string,
): { onProgress: OnProgress; stop(): void } {
  if ((stream as { isTTY?: boolean }).isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream: stream as NodeJS.WriteStream,
        format: `${label} [{bar}] {percentage}% | {step}: {value}/{total} {unit}`,
        hideCursor: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.legacy,
    );
    let started = false;
    return {
      onProgress(p) {
        if (!started) {
          bar.start(p.total, p.done, { step: p.step, unit: p.unit });
          started = true;
        }
        bar.setTotal(p.total);
        bar.update(p.done, { step: p.step, unit: p.unit });
      },
      stop: () => {
        if (!started) return;
        bar.stop();
        stream.write("\n");
      },
    };
  }
  let lastTenth = -1;
  let lastStep = "";
  return {
    onProgress(p: Progress) {
      const tenth = p.total ? Math.floor((p.done / p.total) * 10) : 10;
      if (tenth === lastTenth && p.step === lastStep) return;
      lastTenth = tenth;
      lastStep = p.step;
      const pct = p.total ? Math.floor((p.done / p.total) * 100) : 100;
      stream.write(
        `${label}: ${pct}% (${p.done.toLocaleString("en-US")} of ${p.total.toLocaleString("en-US")} ${p.unit}; ${p.step})\n`,
      );
    },
    stop() {},
  };
}
