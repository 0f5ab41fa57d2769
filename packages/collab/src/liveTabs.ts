/// Which pages of this browser are open, by client id, with the Web Locks
/// API: each page holds a lock named after its client id for its lifetime,
/// and the browser releases it when the page closes or crashes. Lets a page
/// tell another open tab's changes (that tab's business) from a closed
/// page's (restored here, this page's to report).
type Locks = {
  request(name: string, cb: () => Promise<void>): Promise<void>;
  query(): Promise<{ held?: { name?: string }[]; pending?: { name?: string }[] }>;
};

function locks(): Locks | null {
  return ((globalThis as { navigator?: { locks?: Locks } }).navigator?.locks ?? null) || null;
}

export class LiveTabs {
  private release: (() => void) | null = null;

  /// Holds the lock of `current` under `prefix` until `destroy()`.
  constructor(
    private readonly prefix: string,
    current: number,
  ) {
    const l = locks();
    if (!l) return;
    void l
      .request(`${prefix}#${current}`, () => new Promise<void>((r) => (this.release = r)))
      .catch(() => undefined);
  }

  /// The client ids whose pages hold (or are about to hold) their lock;
  /// null when the browser cannot tell.
  async clients(): Promise<Set<number> | null> {
    const l = locks();
    if (!l) return null;
    try {
      const { held = [], pending = [] } = await l.query();
      const out = new Set<number>();
      for (const { name } of [...held, ...pending])
        if (name?.startsWith(`${this.prefix}#`))
          out.add(Number(name.slice(this.prefix.length + 1)));
      return out;
    } catch {
      return null;
    }
  }

  destroy(): void {
    this.release?.();
    this.release = null;
  }
}
