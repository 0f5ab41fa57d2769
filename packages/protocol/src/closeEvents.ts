/// WebSocket close codes and reasons Glossa uses — the one table of them —
/// in the 4000–4999 range reserved for applications (plus the standard 1012
/// on restart). A client shows `reason` to the person.
export const CloseEvents = {
  /// A message the protocol does not allow (a client sending a server-only
  /// stateless message, an unparseable one).
  ProtocolViolation: {
    code: 4400,
    reason: "The app sent a message the server does not accept. Please reload.",
  },
  /// A second connection to one document on one websocket: limits count per
  /// document connection, so extra routing keys would multiply them.
  AlreadyOpen: { code: 4400, reason: "This document is already open on this connection." },
  /// A person over their connection budget.
  TooManyConnections: {
    code: 4430,
    reason: "You have too many documents open at once. Close some tabs and try again.",
  },
  /// The server is shutting down; clients reconnect (to it or another instance).
  ServerRestarting: { code: 1012, reason: "Server restarting" },
  Unauthorized: {
    code: 4401,
    reason: "Your sign-in has expired or is not valid. Please sign in again.",
  },
  Forbidden: { code: 4403, reason: "You do not have access to this document." },
  DocumentDeleted: {
    code: 4410,
    reason: "This document has been moved to the trash. Its owner can restore it within 30 days.",
  },
  AccessChanged: { code: 4409, reason: "Your access to this document has changed." },
  SchemaMismatch: {
    code: 4426,
    reason: "This page is out of date. Please reload to keep working.",
  },
  MessageTooLarge: { code: 4413, reason: "A change was too large to send." },
  /// A text update adding more blocks and text nodes than one change may
  /// (TEXT_LIMITS.updateBlocks: each costs the server far more than a
  /// character); nothing of it was applied. A longer document is imported as
  /// a file or pasted in parts.
  TooManyBlocks: {
    code: 4414,
    reason:
      "A change added too many paragraphs at once and was not saved. Import a long document as a file, or paste it in parts.",
  },
  RateLimited: { code: 4429, reason: "Too many changes were sent too quickly." },
  /// An update that does not fit the document's structure (wrong Yjs types,
  /// unknown blocks or formatting, invalid nesting or settings); nothing of
  /// it was applied.
  InvalidChange: {
    code: 4422,
    reason: "A change did not fit the structure of the document and was not saved. Please reload.",
  },
  /// An update written under a Yjs client id that belongs to another person
  /// or connection, or out of sequence; nothing of it was applied.
  ForgedChange: {
    code: 4423,
    reason: "A change claimed to come from someone else's editor and was not saved. Please reload.",
  },
  /// The document has reached its size limit; nothing of the change was applied.
  DocumentFull: {
    code: 4425,
    reason:
      "This document has reached its size limit. Split it into several documents to keep writing.",
  },
  /// The account (all its connections and documents together, on this
  /// instance) sent more changes or bytes than its budget per second;
  /// nothing of the message was applied.
  AccountBudget: {
    code: 4431,
    reason:
      "Your account is sending more changes than the server accepts. Please wait a moment and reload.",
  },
  /// The stored document is damaged; it is not served until repaired.
  Quarantined: {
    code: 4424,
    reason:
      "This document is damaged and has been set aside for an administrator to repair. Nothing was changed.",
  },
} as const;
