import { Args, Ctx, Query, Resolver } from "type-graphql";

import { paginate } from "../pagination/connection.js";
import { miniStoreOrdersQuery } from "../pagination/queries/mini-store-orders.query.js";
import { paginationContext, settingsOf } from "../pagination/settings.js";
import { connectionOf } from "../schema/connections/connection.factory.js";
import { MiniStoreOrderConnection } from "../schema/connections/mini-store-order-connection.type.js";
import { MiniStoreOrdersArgs } from "../schema/filters/connection.args.js";
import type { OrdersContext } from "./context.type.js";

@Resolver()
export class MiniStoreOrdersResolver {
  @Query(() => MiniStoreOrderConnection, {
    description:
      "WeChat Mini Store orders newest-created first, with WeChat's own filters (Relay connection).",
  })
  async miniStoreOrders(
    @Args() { filter, ...page }: MiniStoreOrdersArgs,
    @Ctx() ctx: OrdersContext,
  ): Promise<MiniStoreOrderConnection> {
    const settings = settingsOf(ctx);
    const query = miniStoreOrdersQuery(filter, ctx, settings);
    return connectionOf(MiniStoreOrderConnection, await paginate(query, page, paginationContext(settings)));
  }
}
