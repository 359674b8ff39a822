// The total order every connection walks in: newest-created first; ties MINI_STORE before
// WEIXIN12315, then orderId descending, compared as integers (WeChat ids exceed 2^53).
import type { OrderSourceName } from "../shared/order-source.js";

export interface OrderKey {
  /** Creation time in unix seconds (both upstreams report whole seconds). */
  t: number;
  /** 0 for MINI_STORE, 1 for WEIXIN12315. */
  rank: number;
  id: bigint;
}

export const SOURCE_RANK: Readonly<Record<OrderSourceName, number>> = { MINI_STORE: 0, WEIXIN12315: 1 };

/** Larger than any upstream id (uint64), for bounds that must sort before every real key. */
export const ID_CEILING = 2n ** 64n;

/** Negative when `a` comes first in the newest-first order, positive when `b` does, 0 when equal. */
export function compareNewestFirst(a: OrderKey, b: OrderKey): number {
  if (a.t !== b.t) return b.t - a.t;
  if (a.rank !== b.rank) return a.rank - b.rank;
  return a.id === b.id ? 0 : a.id > b.id ? -1 : 1;
}

export function keyOf(order: { source: OrderSourceName; orderId: string; createdAt: Date }): OrderKey {
  return {
    t: Math.floor(order.createdAt.getTime() / 1000),
    rank: SOURCE_RANK[order.source],
    id: BigInt(order.orderId),
  };
}
