import type { WechatSimRecord, WechatOrderChannel } from "./types.js";

/** A get_list filter after validation. Time bounds are canonical `yyyy-MM-dd HH:mm:ss` text. */
export interface OrderFilter {
  source: WechatOrderChannel;
  status: number;
  create?: readonly [string, string];
  update?: readonly [string, string];
}

/** Newest-created first; ties by order_id descending (numerically). */
function newestFirst(a: WechatSimRecord, b: WechatSimRecord): number {
  if (a.order.create_time !== b.order.create_time) return a.order.create_time < b.order.create_time ? 1 : -1;
  return a.order.order_id < b.order.order_id ? 1 : a.order.order_id > b.order.order_id ? -1 : 0;
}

// Zero-padded China local times order lexicographically as they do in time.
const within = (time: string, window: readonly [string, string] | undefined) =>
  !window || (time >= window[0] && time <= window[1]);

/** The shop's orders, kept in the order get_list returns them. */
export class OrderStore {
  private records: WechatSimRecord[] = [];
  private readonly byId = new Map<bigint, WechatSimRecord>();

  constructor(orders: WechatSimRecord[]) {
    this.insert(orders);
  }

  /** Adds orders; throws (adding nothing) if an order_id is already held or repeated. */
  insert(orders: WechatSimRecord[]): void {
    const ids = new Set<bigint>();
    for (const { order } of orders) {
      if (this.byId.has(order.order_id) || ids.has(order.order_id)) {
        throw new RangeError(`order_id ${order.order_id} already exists`);
      }
      ids.add(order.order_id);
    }
    for (const record of orders) this.byId.set(record.order.order_id, record);
    this.records = [...this.records, ...orders].sort(newestFirst);
  }

  find(orderId: bigint): WechatSimRecord | undefined {
    return this.byId.get(orderId);
  }

  /** Status changes keep create_time, so the sort order stays valid. */
  all(filter: { status?: number; source?: WechatOrderChannel } = {}): WechatSimRecord[] {
    return this.records.filter(
      (record) =>
        (filter.status === undefined || record.order.status === filter.status) &&
        (filter.source === undefined || record.source === filter.source),
    );
  }

  /**
   * `scanned` counts the orders of the source inside the time window(s), whatever their status:
   * what the upstream has to read before filtering by status.
   */
  scan(filter: OrderFilter): { scanned: number; matches: WechatSimRecord[] } {
    let scanned = 0;
    const matches: WechatSimRecord[] = [];
    for (const record of this.records) {
      if (record.source !== filter.source) continue;
      if (
        !within(record.order.create_time, filter.create) ||
        !within(record.order.update_time, filter.update)
      )
        continue;
      scanned += 1;
      if (record.order.status === filter.status) matches.push(record);
    }
    return { scanned, matches };
  }
}
