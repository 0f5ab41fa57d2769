import { CloseEvents } from "@glossa/protocol";

/// Close reasons that end the session with an error; a restarting server is
/// not one of them (the provider reconnects, to it or another instance).
const KNOWN_REFUSALS = new Set<string>(
  Object.values(CloseEvents)
    .filter((e) => e !== CloseEvents.ServerRestarting)
    .map((e) => e.reason),
);

/// Refusals of a text change that sending it again cannot change (the change
/// itself does not fit the document, or the document is full; a size the
/// outbox cannot cut smaller): the text stops being sent — a reconnect would
/// send the same change and meet the same refusal — and the page says "Not
/// saved" with the reason and the words not saved (docs/protocol.md §8).
const LASTING_REFUSALS = new Set<string>(
  [
    CloseEvents.InvalidChange,
    CloseEvents.ForgedChange,
    CloseEvents.DocumentFull,
    CloseEvents.MessageTooLarge,
    CloseEvents.TooManyBlocks,
  ].map((e) => e.reason),
);

/// A close that ends the session with an error (anything but a restart).
export const isRefusal = (code: number, reason: string): boolean =>
  code >= 4000 || KNOWN_REFUSALS.has(reason);

/// A refusal of a text change that no retry can change (`LASTING_REFUSALS`).
export const isLastingRefusal = (reason: string): boolean => LASTING_REFUSALS.has(reason);
