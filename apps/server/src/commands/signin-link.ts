import { createSignInCode } from "../auth/tokens.ts";
import type { Command } from "./command.ts";
import { baseUrl, parseArgs, runCommand, UsageError, withStore } from "./common.ts";

const USAGE = "signin-link EMAIL";

/// `glossa signin-link`: prints a one-time sign-in link for an account
/// (valid 24 hours), e.g. for someone who forgot their password.
const signinLink: Command = {
  name: "signin-link",
  summary: "Print a one-time sign-in link for an account",
  usage: USAGE,
  run: (args, io) =>
    runCommand("signin-link", USAGE, io, async () => {
      const { positional } = parseArgs(args, []);
      if (positional.length !== 1) throw new UsageError("give exactly one EMAIL.");
      return withStore(io, async (store, config) => {
        const user = await store.getUserByEmail(positional[0]!);
        if (!user) throw new RangeError(`No account has the email ${positional[0]}.`);
        const code = await createSignInCode(store, user.id);
        io.stdout.write(`${baseUrl(config)}/#signin=${code}\n`);
        return 0;
      });
    }),
};

export default signinLink;
