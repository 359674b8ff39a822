import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, Info, Query, Resolver } from "type-graphql";

import { connectionPage } from "../orders/connection-page.js";
import { miniStoreOrdersPlan } from "../orders/plans/mini-store-orders.plan.js";
import { connectionOf } from "../schema/connections/connection.factory.js";
import { PagedConnection } from "../schema/connections/paged-connection.js";
import { MiniStoreOrderConnection } from "../schema/connections/mini-store-order-connection.type.js";
import { MiniStoreOrdersArgs } from "../schema/filters/connection.args.js";
import type { OrdersContext } from "../orders/context.js";
import { FRESHNESS } from "./freshness.js";
import { selectsTotalCount } from "./selects-total-count.js";

@Resolver()
export class MiniStoreOrdersResolver {
  @PagedConnection()
  @Query(() => MiniStoreOrderConnection, {
    description:
      "WeChat Mini Store orders newest-created first, with WeChat's own filters (Relay connection)." +
      FRESHNESS,
  })
  async miniStoreOrders(
    @Args() { filter, ...page }: MiniStoreOrdersArgs,
    @Ctx() ctx: OrdersContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<MiniStoreOrderConnection> {
    const result = await connectionPage(
      ctx,
      (settings) => miniStoreOrdersPlan(filter, ctx, settings),
      page,
      selectsTotalCount(info),
    );
    return connectionOf(MiniStoreOrderConnection, result);
  }
}
