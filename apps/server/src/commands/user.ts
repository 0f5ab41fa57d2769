import { addUser } from "../auth/accounts.ts";
import { createSignInCode } from "../auth/tokens.ts";
import type { Command } from "./command.ts";
import { baseUrl, parseArgs, runCommand, UsageError, withStore } from "./common.ts";

const USAGE = "user add EMAIL [--name NAME] [--password PW] | user list";

/// `glossa user add|list`: creates accounts and lists them.
const user: Command = {
  name: "user",
  summary: "Add an account (prints a one-time sign-in link) or list accounts",
  usage: USAGE,
  run: (args, io) =>
    runCommand("user", USAGE, io, async () => {
      const [sub, ...rest] = args;
      if (sub === "list") {
        if (rest.length) throw new UsageError("`user list` takes no arguments.");
        return withStore(io, async (store) => {
          const users = await store.listUsers();
          for (const u of users) {
            const flags = [u.admin ? "administrator" : "", u.passwordHash ? "" : "no password"]
              .filter(Boolean)
              .join(", ");
            const docs = (await store.listDocumentsFor(u.id)).length;
            io.stdout.write(
              `${u.email}\t${u.name}\t${docs} document(s)${flags ? `\t(${flags})` : ""}\n`,
            );
          }
          if (users.length === 0) io.stdout.write("No accounts yet.\n");
          return 0;
        });
      }
      if (sub !== "add")
        throw new UsageError(
          sub ? `unknown sub-command "${sub}".` : "give a sub-command: add or list.",
        );
      const { positional, opts } = parseArgs(rest, ["name", "password"]);
      if (positional.length !== 1) throw new UsageError("give exactly one EMAIL.");
      if (opts.password !== undefined && opts.password.length < 10) {
        throw new RangeError("A password must have at least 10 characters.");
      }
      return withStore(io, async (store, config) => {
        const created = await addUser(store, {
          email: positional[0]!,
          name: opts.name,
          password: opts.password,
        });
        io.stdout.write(`Created ${created.email} (${created.name}).\n`);
        if (opts.password === undefined) {
          const code = await createSignInCode(store, created.id);
          io.stdout.write(
            `One-time sign-in link (valid 24 hours; then set a password under Account):\n\n  ${baseUrl(config)}/#signin=${code}\n\n`,
          );
        }
        return 0;
      });
    }),
};

export default user;
