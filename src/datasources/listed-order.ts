// One row of an order list as the clients return it: the fields the walk sorts by, validated now,
// and the full order, validated on demand. A page reads many more rows than it returns, so only
// the rows it returns pay for (and can fail on) the full wire schema.
import type { z } from "zod";

import type { OrderSourceName } from "../shared/order-source.js";
import { validateWireBody } from "./http/wire-body.js";

/** Where a source's full orders come from: their schema, the list endpoint and the rows' path in its body. */
export interface FullOrderSpec<W> {
  schema: z.ZodType<W>;
  endpoint: string;
  /** Path of the row list in the body, e.g. `["orders"]`. */
  listPath: readonly PropertyKey[];
}

export class ListedOrder<S extends OrderSourceName, W> {
  #order: W | undefined;

  constructor(
    readonly source: S,
    readonly orderId: string,
    readonly createdAt: Date,
    /** The row as the upstream sent it (lossless); the lookup cache stores it. */
    readonly raw: unknown,
    /** The row's index in the response's list, for error paths (`orders[3].…`). */
    private readonly index: number,
    private readonly spec: FullOrderSpec<W>,
  ) {}

  /**
   * The complete order, validated on first use and memoised in this value. A bad field is the
   * `UPSTREAM_BAD_RESPONSE` the full list validation would have raised, with the row's path
   * (`orders[3].order_detail.price_info.order_price`).
   */
  order(): W {
    this.#order ??= validateWireBody(
      this.spec.schema,
      this.raw,
      { source: this.source, endpoint: this.spec.endpoint },
      [...this.spec.listPath, this.index],
    );
    return this.#order;
  }
}
