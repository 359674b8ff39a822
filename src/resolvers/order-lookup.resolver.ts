import { Arg, Args, Ctx, ID, Query, Resolver } from "type-graphql";

import { Node } from "../schema/common/node.interface.js";
import { OrderSource } from "../schema/enums/order-source.enum.js";
import { decodeOrderNodeId, type OrderEntityKey } from "../schema/node-id.js";
import { Order, type AnyOrder } from "../schema/unions/order.union.js";
import type { OrdersContext } from "../orders/context.js";
import { badUserInput } from "../shared/bad-user-input.js";
import { isUint64Text, ORDER_SOURCE } from "../shared/order-source.js";
import { loadOrder } from "../orders/load-order.js";
import { OrderByNumberArgs } from "./order-lookup.args.js";
import { FRESHNESS } from "./freshness.js";

function decodeId(id: string): OrderEntityKey {
  const key = decodeOrderNodeId(id);
  if (!key) throw badUserInput(`Not an order id issued by this service: ${JSON.stringify(id)}`);
  return key;
}

/** Single-order lookups: by global id and by the number a person sees. */
@Resolver()
export class OrderLookupResolver {
  @Query(() => Order, {
    nullable: true,
    description: "An order of either source by its global id; null when unknown." + FRESHNESS,
  })
  order(
    @Arg("id", () => ID, { description: "The order's `id` (as returned by any order field)." }) id: string,
    @Ctx() ctx: OrdersContext,
  ): Promise<AnyOrder | null> {
    return loadOrder(ctx, decodeId(id));
  }

  @Query(() => Order, {
    nullable: true,
    description:
      "An order by the number a person sees (WeChat `order_id`, weixin12315 `ordernumber`); null when unknown." +
      FRESHNESS,
  })
  orderByNumber(
    @Args() { source, orderNumber }: OrderByNumberArgs,
    @Ctx() ctx: OrdersContext,
  ): Promise<AnyOrder | null> {
    if (source === OrderSource.MINI_STORE && !isUint64Text(orderNumber)) {
      throw badUserInput(
        `A WeChat order number is an unsigned 64-bit integer in digits, got ${JSON.stringify(orderNumber)}`,
      );
    }
    if (orderNumber.trim() === "") throw badUserInput("orderNumber must not be empty");
    // Well formed but not a key's one spelling ("0", leading zeros): no order has that number.
    if (!ORDER_SOURCE[source].isEntityKey(orderNumber)) return Promise.resolve(null);
    return loadOrder(ctx, { source, key: orderNumber });
  }

  @Query(() => Node, {
    nullable: true,
    description:
      "Refetches any object with an `id` (Relay Node); null when unknown, including ids this service did not issue." +
      FRESHNESS,
  })
  node(
    @Arg("id", () => ID, { description: "The object's `id`." }) id: string,
    @Ctx() ctx: OrdersContext,
  ): Promise<AnyOrder | null> {
    // Relay's refetch field answers null for what it cannot resolve; behind a router it may be handed
    // another subgraph's ids. `order(id)` is typed to orders and keeps rejecting malformed ids.
    const key = decodeOrderNodeId(id);
    return key ? loadOrder(ctx, key) : Promise.resolve(null);
  }
}
