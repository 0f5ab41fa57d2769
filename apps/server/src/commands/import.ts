import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { humanSize, ImportError } from "@glossa/convert";
import { AnnotationService } from "../annotations/AnnotationService.ts";
import { Documents } from "../documents.ts";
import { importFile } from "../imports.ts";
import type { Command } from "./command.ts";
import { parseArgs, runCommand, UsageError, withStore } from "./common.ts";
import { progressReporter } from "./progress.ts";

const USAGE = "import FILE... [--owner EMAIL]   (.docx, .md, .html, .txt)";

/// `glossa import`: imports files as new documents, with their Word comments
/// as annotations, owned by --owner (default: the administrator). Prints
/// what was imported and what failed and why; exit 1 when any failed.
const importCommand: Command = {
  name: "import",
  summary: "Import Word, Markdown, HTML or text files as new documents",
  usage: USAGE,
  run: (args, io) =>
    runCommand("import", USAGE, io, async () => {
      const { positional, opts } = parseArgs(args, ["owner"]);
      if (positional.length === 0) throw new UsageError("give at least one FILE to import.");
      return withStore(io, async (store, config) => {
        const owner = opts.owner
          ? await store.getUserByEmail(opts.owner.trim().toLowerCase())
          : ((await store.listUsers()).find((u) => u.admin) ?? null);
        if (!owner) {
          throw new RangeError(
            opts.owner
              ? `No account has the email ${opts.owner}. Create it first: glossa user add ${opts.owner}`
              : "There is no administrator account yet; name the owner with --owner EMAIL.",
          );
        }
        const documents = new Documents(store, () => null);
        const annotations = new AnnotationService(() => {
          throw new Error("glossa import works on the store, not on a running server.");
        });
        const bar = progressReporter(io.stderr, "Importing");
        const total = positional.length;
        const done: string[] = [];
        const failed: string[] = [];
        for (const [i, file] of positional.entries()) {
          const name = path.basename(file);
          bar.onProgress({ step: name, done: i, total, unit: "files" });
          try {
            const info = await stat(file).catch(() => null);
            if (!info?.isFile()) throw new ImportError("empty", "There is no such file.");
            if (info.size > config.maxImportBytes)
              throw new ImportError(
                "too-large",
                `It is ${humanSize(info.size)}; Glossa imports files of up to ${humanSize(config.maxImportBytes)} (MAX_IMPORT_BYTES).`,
              );
            const bytes = await readFile(file);
            const r = await importFile(
              { documents, annotations },
              { bytes, fileName: name },
              { id: owner.id, name: owner.name },
              config.maxImportBytes,
            );
            const notes = [
              r.annotations ? `${r.annotations} comment(s) as annotations` : "",
              ...r.converted.warnings,
            ].filter(Boolean);
            done.push(
              `  ${name} → "${r.record.title}" (${r.record.id})${notes.length ? `; ${notes.join(" ")}` : ""}`,
            );
          } catch (err) {
            failed.push(
              `  ${name}: ${err instanceof ImportError ? err.message : `Glossa could not import it (${(err as Error).message}).`}`,
            );
          }
        }
        bar.onProgress({ step: "done", done: total, total, unit: "files" });
        bar.stop();
        io.stdout.write(
          `Imported ${done.length} of ${positional.length} file(s) for ${owner.email}.\n`,
        );
        if (done.length) io.stdout.write(`${done.join("\n")}\n`);
        if (failed.length)
          io.stdout.write(`Not imported (${failed.length}):\n${failed.join("\n")}\n`);
        return failed.length ? 1 : 0;
      });
    }),
};

export default importCommand;
