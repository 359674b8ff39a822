// Each operation gets a fair share of a source's call slots: at most `share` of its calls to one
// source are in flight or waiting at the source's bulkhead at once, beyond that only calls that find
// a slot idle with no one waiting; the rest wait in the operation's own queue. A 500-key `_entities`
// then never has more than its share queued ahead of other operations' calls, instead of all 500. The server runs each operation inside
// `operationCallShares.run(new Map(), ...)`; outside one (start-up, readiness) calls are not shared.
import { AsyncLocalStorage } from "node:async_hooks";

import { FifoSlots } from "../../shared/fifo-slots.js";
import type { OrderSourceName } from "../../shared/order-source.js";

export const operationCallShares = new AsyncLocalStorage<Map<OrderSourceName, FifoSlots>>();

/** The current operation's share of `source`'s call slots (created on its first call), if in one. */
export function operationCallShare(source: OrderSourceName, share: number): FifoSlots | undefined {
  const shares = operationCallShares.getStore();
  if (!shares) return undefined;
  let slots = shares.get(source);
  if (!slots) shares.set(source, (slots = new FifoSlots(share)));
  return slots;
}
