import {
  type AnnotationOp,
  CloseEvents,
  documentName,
  encodeStateless,
  parseStatelessMessage,
  SCHEMA_VERSION_PARAM,
  type StatelessMessage,
  TEXT_FIELD,
} from "@glossa/protocol";
import { SCHEMA_VERSION } from "@glossa/schema";
import { HocuspocusProvider, type HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import type { Plugin } from "prosemirror-state";
import { fetchUpdates, IndexeddbPersistence } from "y-indexeddb";
import { redo, undo, yCursorPlugin, ySyncPlugin, yUndoPlugin } from "y-prosemirror";
import * as Y from "yjs";
import { AnnotationList } from "./annotationList.ts";
import { AnnotationWrites } from "./annotationWrites.ts";
import { base64ToBytes, cursorBuilder } from "./cursor.ts";
import { DeletionTracker } from "./deletions.ts";
import { LiveTabs } from "./liveTabs.ts";
import { OwnClocks } from "./ownClocks.ts";
import { PacedProvider } from "./pacedProvider.ts";
import { type Peer, PeerList, type Presence } from "./peers.ts";
import { isLastingRefusal, isRefusal } from "./refusals.ts";
import { deriveSaveState, type SaveState } from "./saveState.ts";
import { collabSocket } from "./socket.ts";
import { unsavedWords } from "./unsavedWords.ts";
import { deleteSetOf, type Part } from "./updates/parts.ts";
import { YMapAnnotationStore } from "./yAnnotationStore.ts";

export type { Peer, Presence } from "./peers.ts";

/// How often pending deletions and other tabs are checked.
const HEARTBEAT_MS = 2_000;

export interface CollabOptions {
  /// Websocket URL of the server, e.g. `ws://127.0.0.1:4321/collab`.
  url: string;
  documentId: string;
  /// Returns a valid sign-in token; called on every (re)connection.
  token: () => Promise<string> | string;
  user: Presence;
  /// A WebSocket implementation for Node (tests); browsers use their own.
  WebSocketPolyfill?: unknown;
  /// Keep a copy in IndexedDB so offline edits survive closing the tab.
  persistLocally?: boolean;
}

type Listener<T> = (value: T) => void;

/// The only client code that knows Yjs and Hocuspocus (docs/design.md §1): one
/// websocket carrying the document's text and its annotations, the
/// ProseMirror plugins that bind the editor to them, presence, and the
/// saved / saving / offline state derived from the server's durable
/// acknowledgements.
export class CollabSession {
  readonly ydoc = new Y.Doc();
  readonly annotationsDoc = new Y.Doc();
  /// The document's annotations, one list for every view of this session.
  readonly annotationList = new AnnotationList(new YMapAnnotationStore(this.annotationsDoc));
  readonly fragment: Y.XmlFragment;
  readonly socket: HocuspocusProviderWebsocket;
  readonly text: PacedProvider;
  readonly annotations: HocuspocusProvider;
  /// The people present (the text's awareness).
  private readonly people: PeerList;
  private savedClock = 0;
  private readonly deletions = new DeletionTracker(this.ydoc);
  /// Annotation operations not known to be on disk.
  private readonly writes = new AnnotationWrites(this.annotationsDoc);
  private connected = false;
  private everSynced = false;
  private error: string | null = null;
  /// The reason of a lasting refusal of this page's text changes, if any.
  private refused: string | null = null;
  private warning: string | null = null;
  private readonly statusListeners = new Set<Listener<SaveState>>();
  private readonly messageListeners = new Set<Listener<StatelessMessage>>();
  private readonly accessListeners = new Set<() => void>();
  /// Set when the server re-checked this person's role and closed the
  /// documents; cleared once the text is authenticated again.
  private rejoining = false;
  private requestSeq = 0;
  private lastState: SaveState | null = null;
  private local: IndexeddbPersistence | null = null;
  /// Own changes of earlier pages (restored from the local store).
  private readonly earlier: OwnClocks;
  private tabs: LiveTabs | null = null;
  /// The local store has loaded and the text was in sync once.
  private settled = false;
  private readonly onStorage = (e: StorageEvent) => {
    if (e.key === null || e.key.startsWith(this.ownKey)) {
      this.earlier.refresh(e.key, e.newValue);
      this.emitStatus();
      this.checkTabs();
    }
  };
  private readonly heartbeat: ReturnType<typeof setInterval>;
  readOnly = false;

  constructor(readonly options: CollabOptions) {
    // First: the save state (read by the providers' callbacks) counts them.
    const persist = options.persistLocally && typeof indexedDB !== "undefined";
    this.earlier = new OwnClocks(persist ? this.ownKey : null, this.ydoc.clientID);
    this.fragment = this.ydoc.getXmlFragment(TEXT_FIELD);
    this.socket = this.openSocket();
    this.text = this.openText();
    this.people = new PeerList(this.text.awareness, this.ydoc.clientID);
    this.annotations = new HocuspocusProvider({
      ...this.providerOptions(() => this.annotations),
      name: documentName(options.documentId, "annotations"),
      document: this.annotationsDoc,
      awareness: null, // presence is the text's; one here cost the server (issue 16)
      onStateless: ({ payload }) => this.onStateless(payload, this.annotationsDoc),
    });
    // Providers sharing a websocket must be attached explicitly.
    this.text.attach();
    this.annotations.attach();
    void this.socket.connect();
    this.text.setAwarenessField("user", options.user);
    // A silent connection (a network that drops packets without closing) is
    // noticed by the server's `keepalive`, every 2 s, not arriving (`SILENCE_MS`,
    // socket.ts): nothing is sent for it. A sync request every 2 s per client did
    // the same at two messages in and out through every hook (~600 overloaded it).
    this.heartbeat = setInterval(() => {
      this.askFlush();
      this.checkTabs();
    }, HEARTBEAT_MS);
    // After the providers' own listeners: a deletion's update is on the
    // socket before the `flush` that asks about it.
    this.ydoc.on("update", (update: Uint8Array, _o: unknown, _d: Y.Doc, tr: Y.Transaction) => {
      // A received change moves only others' clocks: the save state reads
      // none but this page's and earlier pages' (`OwnClocks`), so one that
      // moved none of those is not looked at (issue 16: per received edit,
      // in a 50-person document 49 times per keystroke).
      if (!tr.local) {
        if (this.earlier.movedBy(tr)) this.emitStatus();
        return;
      }
      if (this.deletions.observe(update, tr)) {
        this.earlier.setDeletions(this.deletions.record());
        this.askFlush();
      }
      this.earlier.wrote(Y.getState(this.ydoc.store, this.ydoc.clientID));
      this.emitStatus();
    });
    // Loaded with the page, not on demand: a network lost before a lazy
    // chunk arrived left offline words in memory only ("kept on this
    // computer" was untrue) and closing the tab lost them.
    if (persist) {
      this.local = new IndexeddbPersistence(
        `glossa:${options.user.id}:${options.documentId}`,
        this.ydoc,
      );
      this.local.on("synced", () => this.settleEarlier());
      globalThis.addEventListener?.("storage", this.onStorage);
      this.tabs = new LiveTabs(this.ownKey, this.ydoc.clientID);
      this.checkTabs();
    }
  }

  /// Another open tab's changes are that tab's to report: only closed
  /// pages' count here (the server reports "saved" to the writer only). A
  /// browser that cannot tell which pages are open (no Web Locks) counts
  /// none as open.
  private checkTabs(): void {
    void this.tabs?.clients().then((live) => {
      if (!this.tabs) return;
      const changed = this.earlier.setLive(live ?? new Set([this.ydoc.clientID]));
      const taken = this.earlier.adopt();
      if (taken) this.takeOver(taken);
      else if (changed) this.emitStatus();
    });
  }

  /// A page closed: its deletions not confirmed are asked about here, and
  /// what it wrote to the local store since this page read it (a tab
  /// closed offline beside this one) is read again, to be sent from here.
  private takeOver(deletions: string[]): void {
    this.deletions.adopt(deletions);
    this.earlier.setDeletions(this.deletions.record());
    this.emitStatus();
    const local = this.local;
    void (local?.synced ? fetchUpdates(local) : Promise.resolve())
      .catch(() => undefined)
      .then(() => {
        if (this.settled && this.deletions.settle())
          this.earlier.setDeletions(this.deletions.record());
        this.askFlush();
        this.emitStatus();
      });
  }

  private get ownKey(): string {
    return `glossa.own:${this.options.user.id}:${this.options.documentId}`;
  }

  /// Earlier pages' changes neither restored here nor on the server no
  /// longer wait, once both the local store and the server were heard.
  private settleEarlier(): void {
    if (!this.text.isSynced || !this.local?.synced) return;
    this.settled = true;
    this.earlier.settle(this.ydoc);
    if (this.deletions.settle()) this.earlier.setDeletions(this.deletions.record());
    this.emitStatus();
  }

  /// The one websocket of both documents, connected once both are attached.
  private openSocket(): HocuspocusProviderWebsocket {
    return collabSocket(this.options, (connected) => {
      this.connected = connected;
      if (!connected) {
        this.deletions.forget();
        this.writes.lost();
      }
      this.emitStatus();
    });
  }

  /// What both providers share: the socket, the token, and how a refusal or
  /// a close is met.
  private providerOptions(provider: () => HocuspocusProvider) {
    return {
      websocketProvider: this.socket,
      token: async () => this.options.token(),
      onAuthenticationFailed: ({ reason }: { reason: string }) => {
        this.error = reason || "You do not have access to this document.";
        this.emitStatus();
      },
      /// Refusals (revoked, out of date) are shown and stop the work; a changed
      /// role closes the document on a socket that stays open, so it is joined
      /// again at once with the new role; anything else (a server restart) is a
      /// lost connection the provider recovers from by reconnecting.
      onClose: ({ event }: { event: { code: number; reason: string } }) => {
        if (event.reason === CloseEvents.AccessChanged.reason) {
          this.rejoin(provider());
          return;
        }
        if (provider() === this.text && this.text.recover(event.reason)) return this.emitStatus();
        if (provider() === this.text && isLastingRefusal(event.reason))
          return this.refuse(event.reason);
        if (isRefusal(event.code, event.reason)) this.error = event.reason || null;
        this.emitStatus();
      },
    };
  }

  /// The server refused a change of the text for good: nothing more of the
  /// text is sent from this page (the provider leaves the socket, so a
  /// reconnect does not send the refused change again); what is not saved
  /// stays in this page and its local store.
  private refuse(reason: string): void {
    this.refused = reason;
    this.text.detach();
    this.emitStatus();
  }

  /// Forgets this browser's copy of the document (local store, this page's
  /// record): after a lasting refusal, the page reloads from the server's
  /// text instead of sending the refused change again (its words shown first).
  async discardLocal(): Promise<void> {
    const local = this.local;
    this.local = null;
    this.earlier.forget();
    await local?.clearData();
  }

  /// A part of a change cut in parts left: its deletions wait for a `flush`
  /// (the parts before it may be covered by a `saved` already).
  private partSent(part: Part, of: number): void {
    if (of > 1 && part.deleteRanges > 0) {
      this.deletions.track(deleteSetOf(part.update));
      this.earlier.setDeletions(this.deletions.record());
      this.askFlush();
    }
  }

  /// The text's provider: read-only or not as the server decided, presence;
  /// its changes go out through an outbox (cut to the server's limits, paced).
  private openText(): PacedProvider {
    const hooks = {
      sent: (part: Part, _first: boolean, of: number) => this.partSent(part, of),
      changed: () => this.emitStatus(),
    };
    return new PacedProvider(
      {
        ...this.providerOptions(() => this.text),
        name: documentName(this.options.documentId),
        document: this.ydoc,
        onAuthenticated: ({ scope }) => {
          this.error = null;
          const was = this.readOnly;
          this.readOnly = scope === "readonly";
          this.emitStatus();
          // A role changed while the connection was lost is found on
          // reconnecting: the same news as a change seen live.
          if (this.rejoining || (this.everSynced && was !== this.readOnly)) {
            this.rejoining = false;
            for (const l of this.accessListeners) l();
          }
        },
        onSynced: () => {
          this.everSynced = true;
          this.settleEarlier();
          this.emitStatus();
          this.askFlush();
          // Publish presence again once joined: the copy sent with the first
          // sync request races authentication (and, after a reconnect, the
          // server's cleanup of the old connection, whose awareness client id
          // it would refuse as taken); a colleague who only reads sends
          // nothing else until the 15 s renewal.
          this.text.setAwarenessField("user", this.options.user);
        },
        onUnsyncedChanges: () => this.emitStatus(),
        onStateless: ({ payload }) => this.onStateless(payload, this.ydoc),
      },
      hooks,
    );
  }

  /// ProseMirror plugins binding an editor to the shared text: sync, remote
  /// cursors with names and colours, and the collaborative undo manager
  /// (which undoes only one's own changes).
  plugins(): Plugin[] {
    return [
      ySyncPlugin(this.fragment),
      yCursorPlugin(this.text.awareness!, { cursorBuilder }),
      yUndoPlugin(),
    ];
  }

  /// Undo and redo commands of the collaborative undo manager.
  readonly undo = undo;
  readonly redo = redo;

  get saveState(): SaveState {
    return deriveSaveState({
      connected: this.connected,
      synced: this.text.isSynced,
      everSynced: this.everSynced,
      localClock: Y.getState(this.ydoc.store, this.ydoc.clientID),
      savedClock: this.savedClock,
      error: this.error,
      refused: this.refused,
      warning: this.warning,
      readOnly: this.readOnly,
      deletions: this.deletions.count,
      annotations: this.writes.count,
      earlier: this.earlier.pending(this.ydoc),
      parts: this.text?.outbox.waiting ?? 0,
      notRecorded: this.earlier.unrecorded,
    });
  }

  /// Asks the server whether own deletions are on disk (`flush`), when
  /// some wait and the text is joined with the right to write.
  private askFlush(): void {
    if (!this.connected || !this.text.isSynced || this.readOnly) return;
    const q = this.deletions.question(this.settled || !this.local);
    if (q) this.text.sendStateless(encodeStateless({ type: "flush", ...q }));
  }

  /// The words typed here that are not on the server's disk, in typing
  /// order; what the page shows when they can no longer be saved (status
  /// `unsaved`).
  unsavedText(): string {
    return unsavedWords(this.ydoc, this.savedClock);
  }

  onSaveState(listener: Listener<SaveState>): () => void {
    this.statusListeners.add(listener);
    listener(this.saveState);
    return () => this.statusListeners.delete(listener);
  }

  /// People present, oneself included, as the server vouches for them.
  peers(): Peer[] {
    return this.people.list();
  }

  /// Calls `listener` now and whenever the people shown change (not when
  /// someone's cursor moves).
  onPeers(listener: Listener<Peer[]>): () => void {
    return this.people.subscribe(listener);
  }

  /// Called when the server changed this person's role while the document
  /// was open, once the text is joined again with the new role.
  onAccessChanged(listener: () => void): () => void {
    this.accessListeners.add(listener);
    return () => this.accessListeners.delete(listener);
  }

  /// Joins one document again on the open socket (new token, new sync).
  private rejoin(provider: HocuspocusProvider): void {
    if (provider === this.text) this.rejoining = true;
    this.emitStatus();
    void provider.sendToken().then(() => provider.startSync());
  }

  onMessage(listener: Listener<StatelessMessage>): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  /// Asks the server to carry out an annotation operation; resolves with the
  /// annotation's id, or rejects with a sentence for the person.
  annotate(command: AnnotationOp, timeoutMs = 10_000): Promise<{ id: string }> {
    const requestId = `${this.ydoc.clientID}-${++this.requestSeq}`;
    // Refused here rather than queued: a request held until the socket
    // reopens would be carried out after its caller was told it timed out
    // (sent again, it became a second comment).
    if (!this.connected || !this.annotations.isSynced)
      return Promise.reject(
        Object.assign(
          new Error("You are offline, so this was not sent. Send it again once connected."),
          {
            code: "offline",
          },
        ),
      );
    const answer = this.writes.request(requestId, timeoutMs);
    this.annotations.sendStateless(encodeStateless({ type: "annotation", requestId, command }));
    this.emitStatus();
    return answer;
  }

  private onStateless(payload: string, doc: Y.Doc): void {
    const msg = parseStatelessMessage(payload);
    if (!msg) return;
    if (msg.type === "saved" && doc === this.annotationsDoc) {
      this.warning = null;
      if (this.writes.saved(Y.decodeStateVector(base64ToBytes(msg.stateVector)))) this.emitStatus();
    } else if (msg.type === "saved") {
      // Whatever its scope ("all" on joining, "own" after this client wrote:
      // docs/protocol.md §5), the vector holds this client's clock when it
      // covers any of its changes; an entry absent says nothing new.
      const sv = Y.decodeStateVector(base64ToBytes(msg.stateVector));
      this.savedClock = Math.max(this.savedClock, sv.get(this.ydoc.clientID) ?? 0);
      this.earlier.saved(sv);
      this.warning = null;
      this.emitStatus();
    } else if (msg.type === "flushed") {
      if (this.deletions.answered(msg.requestId, msg.ok)) {
        this.earlier.setDeletions(this.deletions.record());
        this.emitStatus();
        this.askFlush();
      }
    } else if (msg.type === "error" && msg.code === "storage") {
      this.warning = msg.message;
      this.emitStatus();
    }
    if (msg.type === "annotation-result" && this.writes.answered(msg)) this.emitStatus();
    for (const l of this.messageListeners) l(msg);
  }

  private emitStatus(): void {
    const s = this.saveState;
    const last = this.lastState;
    if (
      last &&
      last.status === s.status &&
      last.message === s.message &&
      last.pending === s.pending
    )
      return;
    this.lastState = s;
    for (const l of this.statusListeners) l(s);
  }

  /// Disconnects and frees everything; unsaved changes stay in IndexedDB when
  /// local persistence is on.
  destroy(): void {
    clearInterval(this.heartbeat);
    globalThis.removeEventListener?.("storage", this.onStorage);
    this.tabs?.destroy();
    this.tabs = null;
    this.text.destroy();
    this.annotations.destroy();
    this.socket.destroy();
    this.local?.destroy();
    this.annotationList.destroy();
    this.ydoc.destroy();
    this.annotationsDoc.destroy();
  }
}
