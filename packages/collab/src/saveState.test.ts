import { describe, expect, it } from "vitest";
import { deriveSaveState } from "./saveState.ts";

const base = {
  connected: true,
  synced: true,
  everSynced: true,
  localClock: 0,
  savedClock: 0,
  error: null,
  warning: null,
};

describe("deriveSaveState", () => {
  it("is saved only when the server's durable clock covers local changes", () => {
    expect(deriveSaveState(base).status).toBe("saved");
    expect(deriveSaveState({ ...base, localClock: 5, savedClock: 3 })).toEqual({
      status: "saving",
      message: null,
      pending: 2,
    });
    expect(deriveSaveState({ ...base, localClock: 5, savedClock: 5 }).status).toBe("saved");
  });
  it("distinguishes connecting from offline", () => {
    expect(
      deriveSaveState({ ...base, connected: false, synced: false, everSynced: false }).status,
    ).toBe("connecting");
    expect(deriveSaveState({ ...base, connected: false, synced: false }).status).toBe("offline");
    expect(deriveSaveState({ ...base, synced: false, localClock: 2 }).status).toBe("saving");
  });
  it("says unsaved when a read-only connection still has changes of its own", () => {
    expect(deriveSaveState({ ...base, readOnly: true, localClock: 4, savedClock: 1 })).toEqual({
      status: "unsaved",
      message: null,
      pending: 3,
    });
    expect(deriveSaveState({ ...base, readOnly: true, localClock: 4, savedClock: 4 }).status).toBe(
      "saved",
    );
    expect(
      deriveSaveState({ ...base, connected: false, readOnly: true, localClock: 4 }).status,
    ).toBe("offline");
  });
  it("counts deletions not yet confirmed as pending (they move no clock)", () => {
    expect(deriveSaveState({ ...base, localClock: 3, savedClock: 3, deletions: 1 })).toEqual({
      status: "saving",
      message: null,
      pending: 1,
    });
  });
  it("counts changes of earlier pages as pending from the start, before any connection", () => {
    const before = { ...base, connected: false, synced: false, everSynced: false };
    expect(deriveSaveState({ ...before, earlier: 2 })).toEqual({
      status: "saving",
      message: null,
      pending: 2,
    });
    expect(deriveSaveState(before).status).toBe("connecting");
    expect(deriveSaveState({ ...base, localClock: 3, savedClock: 3, earlier: 2 }).status).toBe(
      "saving",
    );
  });
  it("puts errors first", () => {
    expect(deriveSaveState({ ...base, error: "No access" })).toMatchObject({
      status: "error",
      message: "No access",
    });
  });

  it("counts parts of a change not sent yet as pending, though the saved clock covers what was sent", () => {
    expect(deriveSaveState({ ...base, localClock: 9, savedClock: 9, parts: 3 })).toEqual({
      status: "saving",
      message: null,
      pending: 3,
    });
  });
});
