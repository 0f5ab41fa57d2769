import { isRole, ROLES } from "@glossa/protocol";
import { resolveDocument } from "../auth/accounts.ts";
import type { Command } from "./command.ts";
import { parseArgs, runCommand, UsageError, withStore } from "./common.ts";

const USAGE = "share DOCUMENT EMAIL ROLE   (ROLE: owner, editor, annotator or viewer)";

/// `glossa share`: gives an existing account a role on a document (or
/// changes it). A running server applies a change to live connections
/// within a second.
const share: Command = {
  name: "share",
  summary: "Give someone a role on a document (DOCUMENT: id or exact title)",
  usage: USAGE,
  run: (args, io) =>
    runCommand("share", USAGE, io, async () => {
      const { positional } = parseArgs(args, []);
      if (positional.length !== 3) throw new UsageError("give DOCUMENT, EMAIL and ROLE.");
      const [ref, email, role] = positional as [string, string, string];
      if (!isRole(role)) {
        throw new UsageError(`ROLE must be one of ${ROLES.join(", ")} (got "${role}").`);
      }
      return withStore(io, async (store) => {
        const doc = await resolveDocument(store, ref);
        const user = await store.getUserByEmail(email);
        if (!user) {
          throw new RangeError(
            `No account has the email ${email}. Create it first: glossa user add ${email}`,
          );
        }
        const before = await store.getRole(doc.id, user.id);
        if (before === "owner" && role !== "owner") {
          const owners = (await store.listShares(doc.id)).filter((s) => s.role === "owner");
          if (owners.length === 1) {
            throw new RangeError(
              `${email} is the only owner of "${doc.title}"; make someone else an owner first.`,
            );
          }
        }
        await store.setShare({
          documentId: doc.id,
          userId: user.id,
          role,
          grantedBy: null,
          grantedAt: new Date().toISOString(),
          expiresAt: null,
        });
        io.stdout.write(
          before === role
            ? `${user.email} already is ${role} of "${doc.title}".\n`
            : `${user.email} is now ${role} of "${doc.title}"${before ? ` (was ${before})` : ""}.\n`,
        );
        return 0;
      });
    }),
};

export default share;
