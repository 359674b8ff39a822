// What the application knows per source, behind one interface: the merged `orders` field reads
// every source through it, and lookups dispatch through it. A source's entry in `by-source.ts`
// joins its registry entry (shared/order-source.ts) and its datasources folder.
import type { OrderStatus } from "../../schema/enums/order-status.enum.js";
import type { AnyOrder } from "../../schema/unions/order.union.js";
import type { OrdersContext } from "../context.js";
import type { ReadableFamily } from "../plans/stream-set.js";
import type { PaginationSettings } from "../settings.js";

/** A stream family of the merged field, before it is placed in the source's partition group. */
type SourceFamily<R> = Omit<ReadableFamily<R>, "group">;

export interface SourceOrders<R> {
  /**
   * The streams of the merged `orders` field for a normalized status filter (undefined: every
   * status), each over the source's native status parameter; an unconfigured source reads as empty.
   */
  mergedFamilies(
    statuses: readonly OrderStatus[] | undefined,
    ctx: OrdersContext,
    settings: PaginationSettings,
  ): SourceFamily<R>[];
  /** One order by entity key, validated in full and mapped; null when the source has none. */
  load(ctx: OrdersContext, entityKey: string): Promise<AnyOrder | null>;
  /** The order a listed row stands for (validated in full on demand, then mapped). */
  orderOfRow(row: R): AnyOrder;
}
