import type { HeldOrder, WechatOrderChannel } from "./types.js";

/** A get_list filter after validation. Time bounds are canonical `yyyy-MM-dd HH:mm:ss` text. */
export interface OrderQuery {
  source: WechatOrderChannel;
  status: number;
  create?: readonly [string, string];
  update?: readonly [string, string];
}

/** Newest-created first; ties by order_id descending (numerically). */
function newestFirst(a: HeldOrder, b: HeldOrder): number {
  if (a.order.create_time !== b.order.create_time) return a.order.create_time < b.order.create_time ? 1 : -1;
  return a.order.order_id < b.order.order_id ? 1 : a.order.order_id > b.order.order_id ? -1 : 0;
}

// Zero-padded China local times order lexicographically as they do in time.
const within = (time: string, window: readonly [string, string] | undefined) =>
  !window || (time >= window[0] && time <= window[1]);

/** The shop's orders, kept in the order get_list returns them. */
export class OrderBook {
  private held: HeldOrder[] = [];
  private readonly byId = new Map<bigint, HeldOrder>();

  constructor(orders: HeldOrder[]) {
    this.add(orders);
  }

  /** Adds orders; throws (adding nothing) if an order_id is already held or repeated. */
  add(orders: HeldOrder[]): void {
    const ids = new Set<bigint>();
    for (const { order } of orders) {
      if (this.byId.has(order.order_id) || ids.has(order.order_id)) {
        throw new RangeError(`order_id ${order.order_id} already exists`);
      }
      ids.add(order.order_id);
    }
    for (const held of orders) this.byId.set(held.order.order_id, held);
    this.held = [...this.held, ...orders].sort(newestFirst);
  }

  get(orderId: bigint): HeldOrder | undefined {
    return this.byId.get(orderId);
  }

  /** Status changes keep create_time, so the sort order stays valid. */
  all(filter: { status?: number; source?: WechatOrderChannel } = {}): HeldOrder[] {
    return this.held.filter(
      (h) =>
        (filter.status === undefined || h.order.status === filter.status) &&
        (filter.source === undefined || h.source === filter.source),
    );
  }

  /**
   * `scanned` counts the orders of the source inside the time window(s), whatever their status:
   * what the upstream has to read before filtering by status.
   */
  query(q: OrderQuery): { scanned: number; matches: HeldOrder[] } {
    let scanned = 0;
    const matches: HeldOrder[] = [];
    for (const held of this.held) {
      if (held.source !== q.source) continue;
      if (!within(held.order.create_time, q.create) || !within(held.order.update_time, q.update)) continue;
      scanned += 1;
      if (held.order.status === q.status) matches.push(held);
    }
    return { scanned, matches };
  }
}
