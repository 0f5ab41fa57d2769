/// The schema guard's CPU per keystroke of the bench's typing model (issue
/// 16): a typist at the end of a paragraph of the letter, every seventh key a
/// backspace, each key its own Yjs update; each is checked by a real
/// `TextGuard` (`check`) and applied to the live document as the server
/// does. Prints the updates the guard's copy applied (the full path) and the
/// process CPU per keystroke (`process.cpuUsage`: check and application).
/// Not timed against a goal; run it A/B, alternating, beside `uptime`.
///
/// `npx tsx tests/perf/guardTyping.ts [keys]`
import { importLetter } from "@glossa/schema";
import { readSampleLetter } from "@glossa/schema/sample";
import { guardStats, loadConversions, pmDocToUpdate, TextGuard } from "@glossa/server";
import * as Y from "yjs";

await loadConversions();

const KEYS = Number(process.argv[2] ?? 7000);
const live = new Y.Doc();
Y.applyUpdate(live, pmDocToUpdate(importLetter(readSampleLetter()).doc));
const typist = new Y.Doc();
Y.applyUpdate(typist, Y.encodeStateAsUpdate(live));
const blocks = typist.getXmlFragment("prosemirror").toArray() as Y.XmlElement[];
const block = blocks.find((b) => b.nodeName === "paragraph" && b.get(0) instanceof Y.XmlText)!;
const text = block.get(0) as Y.XmlText;
const updates: Uint8Array[] = [];
typist.on("update", (u: Uint8Array) => updates.push(u));
for (let i = 0; i < KEYS; i++) {
  if (i % 7 === 6) text.delete(text.length - 1, 1);
  else text.insert(text.length, "abcdefghij"[i % 10]!);
}
const guard = new TextGuard(live);
const connection = {};
const origin = { source: "connection", connection };
const copies0 = guardStats.copyChecks;
const cpu0 = process.cpuUsage();
for (const u of updates) {
  guard.check(u, connection);
  Y.applyUpdate(live, u, origin);
  guard.settle(connection);
}
const cpu = process.cpuUsage(cpu0);
console.log(
  `${updates.length} keystrokes: ${guardStats.copyChecks - copies0} applied to the guard's copy; ` +
    `${((cpu.user + cpu.system) / updates.length).toFixed(1)} µs CPU per keystroke (check + apply)`,
);
