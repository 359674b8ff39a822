import type { Weixin12315SimOrder, Weixin12315SimRecord } from "./types.js";
import type { OrderListQuery } from "./request-params.js";

export type OrderFilter = Omit<OrderListQuery, "pageindex" | "pagesize">;

const within = (instant: Date | null, from?: Date, to?: Date) =>
  (from === undefined && to === undefined) ||
  (instant !== null && (from === undefined || instant >= from) && (to === undefined || instant <= to));

/** How `keyword` matches order numbers: the document does not say, so both are simulated. */
export type KeywordMatch = "exact" | "substring";

/** Whether an order matches the list call's filters (time bounds inclusive, to the second). */
export function matchesFilter(
  record: Weixin12315SimRecord,
  filter: OrderFilter,
  keywordMatch: KeywordMatch = "exact",
): boolean {
  const number = record.order.ordernumber;
  return (
    (filter.orderscope === 0 || record.orderscope === filter.orderscope) &&
    (filter.packagestatus === -1 || record.packagestatus === filter.packagestatus) &&
    (filter.orderstatus === undefined || record.order.orderstatus === filter.orderstatus) &&
    (filter.keyword === undefined ||
      (keywordMatch === "exact" ? number === filter.keyword : number.includes(filter.keyword))) &&
    within(record.orderedAt, filter.orderedFrom, filter.orderedTo) &&
    within(record.receivedAt, filter.receivedFrom, filter.receivedTo)
  );
}

/** Newest first: order time descending, ties by numeric orderid descending. */
const newestFirst = (a: Weixin12315SimRecord, b: Weixin12315SimRecord) =>
  b.orderedAt.getTime() - a.orderedAt.getTime() || Number(b.order.orderid) - Number(a.order.orderid);

/** The shop's orders, kept newest first. */
export class OrderStore {
  private records: Weixin12315SimRecord[] = [];

  constructor(
    initial: Weixin12315SimRecord[],
    private readonly keywordMatch: KeywordMatch = "exact",
  ) {
    this.insert(initial);
  }

  all(): readonly Weixin12315SimRecord[] {
    return this.records;
  }

  insert(records: Weixin12315SimRecord[]): void {
    this.records = [...this.records, ...records].sort(newestFirst);
  }

  find(ordernumber: string): Weixin12315SimRecord | undefined {
    return this.records.find((r) => r.order.ordernumber === ordernumber);
  }

  replace(next: Weixin12315SimRecord): void {
    this.records = this.records.map((r) => (r.order.orderid === next.order.orderid ? next : r));
  }

  /** One page of the filtered list and the filter's total count. */
  list(query: OrderListQuery): { count: number; orders: Weixin12315SimOrder[] } {
    const matching = this.records.filter((r) => matchesFilter(r, query, this.keywordMatch));
    const start = (query.pageindex - 1) * query.pagesize;
    return {
      count: matching.length,
      orders: matching.slice(start, start + query.pagesize).map((r) => r.order),
    };
  }
}
