// An in-memory page-numbered upstream behind the walker's abstract `fetchPage`: orders of two
// sources, one stream per (source, status), newest-created first (by the test's own comparator, so
// neither the upstream nor the expected walks share the production sort), an optional scan limit that
// refuses large windows like WeChat's -31042, and a call counter.
import type { ConnectionPlan, Snapshot } from "../../../src/pagination/connection.js";
import { sortKeyOf, type SortKey } from "../../../src/pagination/sort-key.js";
import { pinWindow, type Bounds } from "../../../src/pagination/time-window.js";
import { WindowTooLargeError, type StreamFamily } from "../../../src/pagination/walker.js";
import type { OrderSourceName } from "../../../src/shared/order-source.js";
import { seededRandom } from "../../../src/simulators/shared/random.js";
import { contractOrder } from "../../support/newest-first.js";

export interface MemoryOrder {
  source: OrderSourceName;
  orderId: string;
  createdAt: Date;
  status: number;
}

const SOURCES: OrderSourceName[] = ["MINI_STORE", "WEIXIN12315"];
export const STATUSES = [1, 2, 3, 4];

export class MemoryShop {
  orders: MemoryOrder[] = [];
  calls = 0;
  refusals = 0;
  /** Rows turned into nodes (`ConnectionPlan.node`), in call order. */
  nodesResolved: MemoryOrder[] = [];
  /** Orders of one source in a window above which a read is refused (like WeChat -31042). */
  scanLimit = Number.POSITIVE_INFINITY;
  private readonly random: () => number;
  private nextId = 1n;

  constructor(
    seed: number,
    count: number,
    /** Create times fall on this many distinct seconds before `nowSeconds`, so ties abound. */
    readonly spreadSeconds: number,
    readonly nowSeconds: number,
  ) {
    this.random = seededRandom(seed);
    for (let i = 0; i < count; i += 1) this.insert();
  }

  insert(at?: number): MemoryOrder {
    const source = SOURCES[Math.floor(this.random() * 2)]!;
    const t = at ?? this.nowSeconds - Math.floor(this.random() * this.spreadSeconds);
    // Big ids on one source exercise numeric (not float, not text) comparison.
    const base = source === "MINI_STORE" ? 3_000_000_000_000_000_000n : 0n;
    const id = base + this.nextId * 1000n + BigInt(Math.floor(this.random() * 1000)); // unique, not in creation order
    this.nextId += 1n;
    const order = {
      source,
      orderId: String(id),
      createdAt: new Date(t * 1000),
      status: STATUSES[Math.floor(this.random() * 4)]!,
    };
    this.orders.push(order);
    return order;
  }

  /** Moves a random order to another status; returns it. */
  changeSomeStatus(): MemoryOrder {
    const order = this.orders[Math.floor(this.random() * this.orders.length)]!;
    order.status = STATUSES[(STATUSES.indexOf(order.status) + 1 + Math.floor(this.random() * 3)) % 4]!;
    return order;
  }

  pick<T>(items: T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  /** The expected walk: orders of `statuses` in the window, newest first. */
  expected(statuses: number[], window: { lo: number; hi: number }): MemoryOrder[] {
    return this.orders
      .filter((o) => statuses.includes(o.status) && inWindow(sortKeyOf(o), window))
      .sort(contractOrder);
  }

  /** A connection over one family per (source, status), one partition group per source. */
  query(
    statuses: number[],
    bounds: Bounds,
    maxPageSize: number,
    filter = "memory",
  ): ConnectionPlan<MemoryOrder> {
    const families: (StreamFamily & { source: OrderSourceName; status: number })[] = SOURCES.flatMap(
      (source, group) => statuses.map((status) => ({ group, rank: group, maxPageSize, source, status })),
    );
    return {
      binding: { field: "orders", filter },
      streams: (snapshot: Snapshot) => {
        const window = pinWindow(bounds, snapshot.pinnedAt, snapshot.windowDays);
        return {
          families,
          windows: SOURCES.map(() => window),
          fetchPage: async ({ family, segment }, page, pageSize) => {
            const { source, status } = families[family]!;
            this.calls += 1;
            const inSegment = this.orders.filter(
              (o) => o.source === source && inWindow(sortKeyOf(o), segment),
            );
            if (inSegment.length > this.scanLimit) {
              this.refusals += 1;
              throw new WindowTooLargeError(new Error("scanned too much"));
            }
            const matches = inSegment.filter((o) => o.status === status).sort(contractOrder);
            const rows = matches.slice((page - 1) * pageSize, page * pageSize);
            return { items: rows.map((o) => ({ key: sortKeyOf(o), row: { ...o } })), total: matches.length };
          },
        };
      },
      // Rows are already nodes (copies taken at read time); counted, so tests see which rows become nodes.
      node: (order) => {
        this.nodesResolved.push(order);
        return order;
      },
    };
  }
}

const inWindow = (key: SortKey, window: { lo: number; hi: number }) =>
  key.t >= window.lo && key.t <= window.hi;
