import { resolveDocument } from "../auth/accounts.ts";
import { DocumentLibrary, purgeTime } from "../library.ts";
import { openVersionStore } from "../versions/VersionStore.ts";
import type { Command } from "./command.ts";
import { parseArgs, runCommand, UsageError, withStore } from "./common.ts";

const USAGE = `trash [list | restore DOCUMENT | empty]

  list              the documents in the trash, with who deleted them and when they go
  restore DOCUMENT  takes a document (id or exact title) out of the trash
  empty             deletes for good, now, what has been in the trash for 30 days
                    (a running server does this by itself every hour)`;

/// `glossa trash`: what an administrator needs when someone deleted the
/// wrong document — see the trash of every owner, restore, or empty it.
const trash: Command = {
  name: "trash",
  summary: "List, restore or empty the documents in the trash",
  usage: USAGE,
  run: (args, io) =>
    runCommand("trash", USAGE, io, async () => {
      const { positional } = parseArgs(args, []);
      const [action = "list", ...rest] = positional;
      return withStore(io, async (store) => {
        if (action === "list") {
          if (rest.length) throw new UsageError("list takes no arguments.");
          const ids = await store.listTrashedBefore("9999-12-31T23:59:59.999Z");
          if (ids.length === 0) {
            io.stdout.write("The trash is empty.\n");
            return 0;
          }
          for (const id of ids) {
            const d = await store.getDocument(id);
            if (!d?.deletedAt) continue;
            const by = d.deletedBy ? await store.getUser(d.deletedBy) : null;
            io.stdout.write(
              `${d.id}  "${d.title}"  deleted ${d.deletedAt.slice(0, 10)}${by ? ` by ${by.email}` : ""}, erased on ${purgeTime(d.deletedAt).slice(0, 10)}\n`,
            );
          }
          return 0;
        }
        if (action === "restore") {
          if (rest.length !== 1) throw new UsageError("give the DOCUMENT to restore.");
          const doc = await resolveDocument(store, rest[0]!);
          if (!(await store.restoreDocument(doc.id))) {
            throw new RangeError(`"${doc.title}" is not in the trash.`);
          }
          io.stdout.write(`"${doc.title}" was restored; everyone it is shared with can open it.\n`);
          return 0;
        }
        if (action === "empty") {
          if (rest.length) throw new UsageError("empty takes no arguments.");
          const purged = await new DocumentLibrary(
            store,
            openVersionStore(store),
            () => null,
          ).purgeExpired();
          io.stdout.write(
            purged.length
              ? `Deleted for good: ${purged.length} document(s) in the trash for over 30 days.\n`
              : "Nothing has been in the trash for 30 days.\n",
          );
          return 0;
        }
        throw new UsageError(`unknown action "${action}".`);
      });
    }),
};

export default trash;
