/// A value read at most once per turn of the event loop: the first call of a
/// turn reads, the later calls of that turn share the read, and the next turn
/// reads again. Messages handled in one turn arrived together, before any
/// of them could have seen the answer to a change made in that turn (by
/// this process or another): every message sent after learning of a change
/// arrives in a later turn and gets a fresh read. Used for the access
/// version read before every write message (`AccessExtension`): one read
/// per turn, not per keystroke — with PostgreSQL, one round trip.
export class TurnCache<T> {
  private value: Promise<T> | null = null;

  constructor(private readonly read: () => Promise<T>) {}

  get(): Promise<T> {
    if (this.value) return this.value;
    const value = this.read();
    this.value = value;
    setImmediate(() => {
      this.value = null;
    });
    return value;
  }
}
