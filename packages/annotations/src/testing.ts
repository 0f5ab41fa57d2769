// Helpers shared by this package's unit tests (not exported from index.ts).
import { blockText, schema } from "@glossa/schema";
import type { Node } from "prosemirror-model";
import { EditorState, type Transaction } from "prosemirror-state";
import type { Step } from "prosemirror-transform";
import { annotationAuth } from "./auth.ts";
import type { OperationContext } from "./operations.ts";

/// A document of paragraphs.
export function paragraphs(...texts: string[]): Node {
  return schema.node(
    "doc",
    null,
    texts.map((t) => schema.node("paragraph", null, t ? [schema.text(t)] : [])),
  );
}

/// The position range of the `nth` occurrence of `needle` in `doc`'s textblocks.
export function find(doc: Node, needle: string, nth = 0): { from: number; to: number } {
  let seen = 0;
  let out: { from: number; to: number } | null = null;
  doc.descendants((node, pos) => {
    if (out || !node.isTextblock) return !out;
    const text = blockText(node);
    for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      if (seen++ === nth) {
        out = { from: pos + 1 + i, to: pos + 1 + i + needle.length };
        return false;
      }
    }
    return false;
  });
  if (!out) throw new Error(`"${needle}" (#${nth}) not in document`);
  return out;
}

/// A minimal linear history: every applied transaction can be undone by
/// applying its inverted steps, and redone by inverting those again.
export class History {
  private done: Step[][] = [];
  private undone: Step[][] = [];
  constructor(public state: EditorState) {}

  static of(doc: Node): History {
    return new History(EditorState.create({ doc }));
  }

  get doc(): Node {
    return this.state.doc;
  }

  apply(tr: Transaction): void {
    this.done.push(invert(tr));
    this.undone = [];
    this.state = this.state.apply(tr);
  }

  /// Runs a command against the current state.
  run(command: (state: EditorState, dispatch: (tr: Transaction) => void) => boolean): boolean {
    return command(this.state, (tr) => this.apply(tr));
  }

  edit(f: (tr: Transaction) => void): void {
    const tr = this.state.tr;
    f(tr);
    this.apply(tr);
  }

  undo(): void {
    this.flip(this.done, this.undone);
  }

  redo(): void {
    this.flip(this.undone, this.done);
  }

  private flip(from: Step[][], to: Step[][]) {
    const steps = from.pop();
    if (!steps) throw new Error("nothing to undo/redo");
    const tr = this.state.tr;
    for (const s of steps) tr.step(s);
    to.push(invert(tr));
    this.state = this.state.apply(tr);
  }
}

function invert(tr: Transaction): Step[] {
  const out: Step[] = [];
  for (let i = tr.steps.length - 1; i >= 0; i--) out.push(tr.steps[i]!.invert(tr.docs[i]!));
  return out;
}

/// A deterministic operation context for `role`.
export function context(
  role: "owner" | "editor" | "annotator" | "viewer",
  id = "alice",
  name = "Alice",
): OperationContext {
  let n = 0;
  let t = Date.UTC(2025, 0, 1);
  return {
    auth: annotationAuth(role, { id, name }),
    newId: () => `${id}-id-${String(++n).padStart(4, "0")}`,
    now: () => {
      t += 1000;
      return new Date(t);
    },
  };
}
