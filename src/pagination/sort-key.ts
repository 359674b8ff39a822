// The sort key every connection walks in: newest-created first; ties by source rank (MINI_STORE
// before WEIXIN12315, from the source registry), then orderId descending, compared as integers
// (WeChat ids exceed 2^53). Not to be confused with an entity key (the upstream key of one order)
// or a node id (the opaque global id).
import { ORDER_SOURCE, type OrderSourceName } from "../shared/order-source.js";

export interface SortKey {
  /** Creation time in unix seconds (both upstreams report whole seconds). */
  t: number;
  /** The source's registry rank (0 MINI_STORE, 1 WEIXIN12315). */
  rank: number;
  id: bigint;
}

/** Larger than any upstream id (uint64), for bounds that must sort before every real key. */
export const ID_CEILING = 2n ** 64n;

/** Negative when `a` comes first in the newest-first order, positive when `b` does, 0 when equal. */
export function compareNewestFirst(a: SortKey, b: SortKey): number {
  if (a.t !== b.t) return b.t - a.t;
  if (a.rank !== b.rank) return a.rank - b.rank;
  return a.id === b.id ? 0 : a.id > b.id ? -1 : 1;
}

export function sortKeyOf(order: { source: OrderSourceName; orderId: string; createdAt: Date }): SortKey {
  return {
    t: Math.floor(order.createdAt.getTime() / 1000),
    rank: ORDER_SOURCE[order.source].rank,
    id: BigInt(order.orderId),
  };
}
