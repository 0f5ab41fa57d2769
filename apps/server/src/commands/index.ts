/// Every `glossa` command, in the order `glossa help` lists them. The list is
/// explicit so the built CLI (`apps/server/dist/cli.js`, one bundle) has its
/// commands without reading a folder; `commands/index.test.ts` fails when a
/// command file in this folder is missing here.
import backup from "./backup.ts";
import cite from "./cite.ts";
import type { Command } from "./command.ts";
import importCommand from "./import.ts";
import restore from "./restore.ts";
import share from "./share.ts";
import signinLink from "./signin-link.ts";
import sources from "./sources.ts";
import token from "./token.ts";
import trash from "./trash.ts";
import unshare from "./unshare.ts";
import user from "./user.ts";

export const commands: readonly Command[] = [
  backup,
  cite,
  importCommand,
  restore,
  share,
  signinLink,
  sources,
  token,
  trash,
  unshare,
  user,
];
