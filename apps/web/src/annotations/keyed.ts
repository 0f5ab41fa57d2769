/// Keyed reconciliation for the margin: a part of the page is rebuilt only
/// when what it shows changed, and parts kept are left where they are in the
/// DOM (never taken out and put back), so the focus, a caret and words being
/// typed in them survive every re-render without being restored by hand.

/// One keyed part: `sig` says what it shows; the same key with the same
/// `sig` keeps the nodes built before. `node` instead of `build`: a node
/// kept elsewhere (the same node again is kept, another replaces it).
export type Part = { key: string } & ({ sig: string; build: () => Node | Node[] } | { node: Node });

/// What a `Parts` holds between renders: the nodes built for each key.
export class Parts {
  private built = new Map<string, { sig: string | Node; nodes: Node[] }>();

  /// The nodes of `parts`, in order, reusing those whose key and sig match
  /// the last call; placed as the children of `parent`.
  render(parent: Element, parts: readonly Part[]): Node[] {
    const next = new Map<string, { sig: string | Node; nodes: Node[] }>();
    const all: Node[] = [];
    for (const p of parts) {
      const sig = "node" in p ? p.node : p.sig;
      const old = this.built.get(p.key);
      let nodes = old && old.sig === sig ? old.nodes : null;
      if (!nodes) {
        const made = "node" in p ? p.node : p.build();
        nodes = Array.isArray(made) ? made : [made];
      }
      next.set(p.key, { sig, nodes });
      all.push(...nodes);
    }
    this.built = next;
    place(parent, all);
    return all;
  }
}

/// Makes `nodes` the children of `parent` in this order with the fewest
/// moves: children not listed are removed; listed ones already in order are
/// not touched (moving a node would blur it), the others inserted.
export function place(parent: Element, nodes: readonly Node[]): void {
  const keep = new Set(nodes);
  for (const child of [...parent.childNodes]) if (!keep.has(child)) child.remove();
  let ref: ChildNode | null = parent.firstChild;
  for (const n of nodes) {
    if (n === ref) ref = ref.nextSibling;
    else parent.insertBefore(n, ref);
  }
}
