/// WebSocket close codes and reasons Glossa uses, in the 4000–4999 range
/// reserved for applications. A client shows `reason` to the person.
export const CloseEvents = {
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
  RateLimited: { code: 4429, reason: "Too many changes were sent too quickly." },
} as const;
