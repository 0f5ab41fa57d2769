import type { Awareness } from "y-protocols/awareness";

/// A person as shown to others: name and cursor colour.
export interface Presence {
  id: string;
  name: string;
  color: string;
}

/// A person present in the document, with the awareness client id.
export interface Peer extends Presence {
  clientId: number;
  role?: string;
  self: boolean;
}

type Listener = (peers: Peer[]) => void;

/// The people present, as the text's awareness holds them (the server
/// vouches for each `user` field: apps/server AwarenessExtension), for the
/// page's presence list. What the page shows of a person is their `user`
/// field (name, colour, role); the rest of a state changes with every
/// keystroke of theirs (y-prosemirror's `cursor`). The `user` each client id
/// published last is kept, and an awareness change reaches the listeners
/// only when it altered one: a moved cursor re-listed everyone (O(people))
/// and rebuilt the presence list for every remote keystroke (issue 16).
export class PeerList {
  private readonly listeners = new Set<Listener>();
  /// Client id → its `user` as last seen (JSON).
  private readonly shown = new Map<number, string>();

  constructor(
    private readonly awareness: Awareness | null,
    private readonly self: number,
  ) {
    awareness?.on("change", (c: { added: number[]; updated: number[]; removed: number[] }) => {
      if (this.changed([...c.added, ...c.updated, ...c.removed])) this.emit();
    });
  }

  /// People present, oneself included.
  list(): Peer[] {
    const out: Peer[] = [];
    this.awareness?.getStates().forEach((state, clientId) => {
      const user = state.user as (Presence & { role?: string }) | undefined;
      if (!user?.name) return;
      out.push({ ...user, clientId, self: clientId === this.self });
    });
    return out;
  }

  /// Calls `listener` now and whenever the people shown change.
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    listener(this.list());
    return () => this.listeners.delete(listener);
  }

  /// True when the `user` of one of `clients` differs from the one last seen.
  private changed(clients: number[]): boolean {
    const states = this.awareness!.getStates();
    let changed = false;
    for (const client of clients) {
      const user = states.get(client)?.user;
      const key = user === undefined ? undefined : JSON.stringify(user);
      if (this.shown.get(client) === key) continue;
      changed = true;
      if (key === undefined) this.shown.delete(client);
      else this.shown.set(client, key);
    }
    return changed;
  }

  private emit(): void {
    if (this.listeners.size === 0) return;
    const peers = this.list();
    for (const l of this.listeners) l(peers);
  }
}
