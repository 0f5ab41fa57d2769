/// One value that views read and subscribe to, instead of having it pushed
/// into each of them by assignment.
export class Value<T> {
  private readonly listeners = new Set<(value: T) => void>();

  constructor(private current: T) {}

  get(): T {
    return this.current;
  }

  /// Sets the value and tells every subscriber (also when it is the same:
  /// a re-read role is applied again).
  set(value: T): void {
    this.current = value;
    for (const l of [...this.listeners]) l(value);
  }

  /// Calls `listener` on every change; returns the unsubscribe.
  subscribe(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
