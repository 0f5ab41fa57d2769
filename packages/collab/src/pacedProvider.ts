import { CloseEvents } from "@glossa/protocol";
import {
  type ConstructableOutgoingMessage,
  HocuspocusProvider,
  type HocuspocusProviderConfiguration,
  WebSocketStatus,
} from "@hocuspocus/provider";
import { toUint8Array } from "lib0/encoding";
import { Outbox, type OutboxHooks } from "./outbox.ts";
import { Cursor } from "./updates/scan.ts";

/// How long after a refusal the outbox recovers from the text is joined again.
const RETRY_MS = 1_000;

const SIZE_REFUSALS = new Set<string>([
  CloseEvents.MessageTooLarge.reason,
  CloseEvents.TooManyBlocks.reason,
]);

/// The y-protocols sync message a frame is, when it is one: its step
/// (0 SyncStep1, 1 SyncStep2, 2 Update) and, for 1 and 2, the update.
function syncFrame(frame: Uint8Array): { step: number; update: Uint8Array | null } | null {
  try {
    const c = new Cursor(frame);
    c.skipBytes(); // document name
    if (c.uint() !== 0) return null;
    const step = c.uint();
    if (step === 0) return { step, update: null };
    if (step !== 1 && step !== 2) return null;
    const at = c.skipBytes();
    return { step, update: frame.subarray(at, c.pos) };
  } catch {
    return null;
  }
}

/// The text document's provider, its changes sent through an `Outbox`.
/// The seam is `send`, which every message the provider writes passes
/// through — the live updates (`documentUpdateHandler`) and the sync reply
/// that y-protocols writes when the server's SyncStep1 arrives
/// (`MessageReceiver`, sent as a finished frame): each is read back from its
/// bytes, so nothing of the provider's internals is copied or patched
/// (docs/protocol.md §5, "Large changes").
export class PacedProvider extends HocuspocusProvider {
  readonly outbox: Outbox;

  constructor(
    configuration: HocuspocusProviderConfiguration,
    hooks: Omit<OutboxHooks, "name" | "send">,
  ) {
    super(configuration);
    this.outbox = new Outbox({
      ...hooks,
      name: () => this.effectiveName,
      send: (frame) => this.configuration.websocketProvider.send(frame),
      sent: (part, first, of) => {
        // One more acknowledgement (SyncStatus) comes for every part past
        // the first: counted, so the provider's tally still balances.
        if (!first) this.incrementUnsyncedChanges();
        hooks.sent?.(part, first, of);
      },
    });
  }

  override send(message: ConstructableOutgoingMessage, args: unknown): void {
    if (!this.isAttached) return;
    const m = new message();
    const bytes = toUint8Array(m.get(args as never)!);
    this.emit("outgoingMessage", { message: m });
    const sync = syncFrame(bytes);
    if (sync?.step === 0) this.outbox.asked();
    if (sync?.update && sync.step === 1) this.outbox.reply(sync.update);
    else if (sync?.update && sync.step === 2) this.outbox.update(sync.update);
    else this.configuration.websocketProvider.send(bytes);
  }

  /// A refusal of the text that an honest change can meet and the outbox
  /// recovers from: over the account's budget (another tab or page spent
  /// it; the outbox counts from empty) or the connection's messages per
  /// second (4429), or a part too large for the server
  /// (its split estimate is the server's alone; parts are halved). The
  /// document is joined again a moment later and its sync reply sends the
  /// rest: the person sees "Saving…", not an error. False for other reasons.
  recover(reason: string): boolean {
    if (reason === CloseEvents.AccountBudget.reason) this.outbox.pacer.empty();
    // Over the connection's messages per second: a moment later it has room.
    else if (reason === CloseEvents.RateLimited.reason) this.outbox.pacer.empty();
    else if (!SIZE_REFUSALS.has(reason) || !this.outbox.shrink()) return false;
    setTimeout(() => {
      const open = this.configuration.websocketProvider.status === WebSocketStatus.Connected;
      if (open && this.isAttached && !this.isAuthenticated)
        void this.sendToken().then(() => this.startSync());
    }, RETRY_MS);
    return true;
  }

  override onClose(): void {
    this.outbox?.reset();
    super.onClose();
  }
}
