/// A value read at most once per turn of the event loop: the first call of a
/// turn reads, the later calls of that turn share the read, and the next turn
/// reads again. A message that follows a change made elsewhere (another
/// process, the CLI) arrives in a later turn than any reply that change
/// caused, so sharing a read within a turn misses nothing it could have
/// seen; a change made by this process clears the value at once (`clear`).
/// Used for the access version read before every write message (one read
/// per turn, not per keystroke; with PostgreSQL, one round trip).
export class TurnCache<T> {
  private value: Promise<T> | null = null;
  private turn = 0;
  /// Reads done (tests count work).
  reads = 0;

  constructor(private readonly read: () => Promise<T>) {}

  get(): Promise<T> {
    if (this.value) return this.value;
    this.reads += 1;
    const value = this.read();
    const turn = ++this.turn;
    this.value = value;
    setImmediate(() => {
      if (this.turn === turn) this.value = null;
    });
    return value;
  }

  clear(): void {
    this.value = null;
    this.turn += 1;
  }
}
