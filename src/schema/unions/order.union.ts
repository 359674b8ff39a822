import { createUnionType } from "type-graphql";

import { resolveBySource } from "../common/resolve-by-source.js";
import { MiniStoreOrder } from "../mini-store/mini-store-order.type.js";
import { Weixin12315Order } from "../weixin12315/weixin12315-order.type.js";

export const Order = createUnionType({
  name: "Order",
  description: "An order of either source; ask common fields with `... on OrderCommon`.",
  types: () => [MiniStoreOrder, Weixin12315Order] as const,
  resolveType: resolveBySource("order"),
});

/** A mapped order of either source. */
export type AnyOrder = MiniStoreOrder | Weixin12315Order;
