/// Own changes of the open document not yet on the server's disk: the
/// editor registers while it is shown; signing out asks about them first.
let source: (() => number) | null = null;

export const unsavedWork = {
  /// `count` answers while the caller is shown; returns the unregistering.
  register(count: () => number): () => void {
    source = count;
    return () => {
      if (source === count) source = null;
    };
  },
  count(): number {
    return source?.() ?? 0;
  },
};
