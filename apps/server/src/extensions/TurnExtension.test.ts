import { describe, expect, it } from "vitest";
import { OWN_TURN_BYTES, TurnExtension } from "./TurnExtension.ts";

/// What else is due on the event loop runs before a large message is
/// handled, never before a small one.
describe("TurnExtension", () => {
  const handled = async (bytes: number) => {
    const order: string[] = [];
    setImmediate(() => order.push("other task"));
    await new TurnExtension().beforeHandleMessage({ update: new Uint8Array(bytes) } as never);
    order.push("message");
    await new Promise((resolve) => setImmediate(resolve));
    return order;
  };

  it("lets the loop turn before a large message", async () => {
    expect(await handled(OWN_TURN_BYTES)).toEqual(["other task", "message"]);
  });

  it("handles a keystroke at once", async () => {
    expect(await handled(40)).toEqual(["message", "other task"]);
  });
});
