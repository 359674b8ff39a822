// A waiter that gives up leaves the queue at once, and a freed slot passes to the next waiter still
// there (cockatiel's bulkhead lost the slot's turn to a cancelled waiter).
import { describe, expect, it } from "vitest";

import { FifoSlots } from "../../src/shared/fifo-slots.js";

describe("FifoSlots", () => {
  it("hands a freed slot to the longest waiter still waiting, skipping those that gave up", async () => {
    const slots = new FifoSlots(1);
    expect(slots.tryAcquire()).toBe(true);
    const order: string[] = [];
    const quitters = [new AbortController(), new AbortController()];
    const waits = [
      slots.acquire(quitters[0]!.signal).then(
        () => order.push("first"),
        (reason) => order.push(`first: ${reason}`),
      ),
      slots.acquire(quitters[1]!.signal).then(
        () => order.push("second"),
        (reason) => order.push(`second: ${reason}`),
      ),
      slots.acquire(new AbortController().signal).then(() => order.push("third")),
    ];
    expect(slots.waiting).toBe(3);
    quitters[0]!.abort("gone");
    quitters[1]!.abort("gone");
    await Promise.all(waits.slice(0, 2));
    expect(slots.waiting).toBe(1);
    slots.release();
    await waits[2];
    expect(order).toEqual(["first: gone", "second: gone", "third"]);
    expect(slots.free).toBe(0); // the slot passed on, not freed
    slots.release();
    expect(slots.free).toBe(1);
  });
});
