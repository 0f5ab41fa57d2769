import { resolveDocument } from "../auth/accounts.ts";
import type { Command } from "./command.ts";
import { parseArgs, runCommand, UsageError, withStore } from "./common.ts";

const USAGE = "unshare DOCUMENT EMAIL";

/// `glossa unshare`: removes someone's access to a document; a running
/// server closes their open connections to it within a second.
const unshare: Command = {
  name: "unshare",
  summary: "Remove someone's access to a document",
  usage: USAGE,
  run: (args, io) =>
    runCommand("unshare", USAGE, io, async () => {
      const { positional } = parseArgs(args, []);
      if (positional.length !== 2) throw new UsageError("give DOCUMENT and EMAIL.");
      const [ref, email] = positional as [string, string];
      return withStore(io, async (store) => {
        const doc = await resolveDocument(store, ref);
        const user = await store.getUserByEmail(email);
        if (!user) throw new RangeError(`No account has the email ${email}.`);
        const role = await store.getRole(doc.id, user.id);
        if (role === "owner") {
          const owners = (await store.listShares(doc.id)).filter((s) => s.role === "owner");
          if (owners.length === 1) {
            throw new RangeError(
              `${email} is the only owner of "${doc.title}"; it needs an owner.`,
            );
          }
        }
        if (!(await store.removeShare(doc.id, user.id))) {
          throw new RangeError(`${email} has no access to "${doc.title}".`);
        }
        io.stdout.write(`${email} no longer has access to "${doc.title}".\n`);
        return 0;
      });
    }),
};

export default unshare;
