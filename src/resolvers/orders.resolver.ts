import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, Info, Query, Resolver } from "type-graphql";

import { connectionPage } from "../orders/connection-page.js";
import { ordersPlan } from "../orders/plans/orders.plan.js";
import { connectionOf } from "../schema/connections/connection.factory.js";
import { PagedConnection } from "../schema/connections/paged-connection.js";
import { OrderConnection } from "../schema/connections/order-connection.type.js";
import { OrdersArgs } from "../schema/filters/connection.args.js";
import type { OrdersContext } from "../orders/context.js";
import { FRESHNESS } from "./freshness.js";
import { selectsTotalCount } from "./selects-total-count.js";

@Resolver()
export class OrdersResolver {
  @PagedConnection()
  @Query(() => OrderConnection, {
    description:
      "Orders of both sources merged newest-created first (ties: MINI_STORE first, then orderId descending). " +
      "A walk is a snapshot of its window: every order in it appears exactly once, in order, even while orders change." +
      FRESHNESS,
  })
  async orders(
    @Args() { filter, ...page }: OrdersArgs,
    @Ctx() ctx: OrdersContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<OrderConnection> {
    const result = await connectionPage(
      ctx,
      (settings) => ordersPlan(filter, ctx, settings),
      page,
      selectsTotalCount(info),
    );
    return connectionOf(OrderConnection, result);
  }
}
