import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, Info, Query, Resolver } from "type-graphql";

import { connectionPage } from "../orders/connection-page.js";
import { weixin12315OrdersPlan } from "../orders/plans/weixin12315-orders.plan.js";
import { connectionOf } from "../schema/connections/connection.factory.js";
import { PagedConnection } from "../schema/connections/paged-connection.js";
import { Weixin12315OrderConnection } from "../schema/connections/weixin12315-order-connection.type.js";
import { Weixin12315OrdersArgs } from "../schema/filters/connection.args.js";
import type { OrdersContext } from "../orders/context.js";
import { FRESHNESS } from "./freshness.js";
import { selectsTotalCount } from "./selects-total-count.js";

@Resolver()
export class Weixin12315OrdersResolver {
  @PagedConnection()
  @Query(() => Weixin12315OrderConnection, {
    description:
      "weixin12315 mall orders newest first, with the mall's own filters (Relay connection)." + FRESHNESS,
  })
  async weixin12315Orders(
    @Args() { filter, ...page }: Weixin12315OrdersArgs,
    @Ctx() ctx: OrdersContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Weixin12315OrderConnection> {
    const result = await connectionPage(
      ctx,
      (settings) => weixin12315OrdersPlan(filter, ctx, settings),
      page,
      selectsTotalCount(info),
    );
    return connectionOf(Weixin12315OrderConnection, result);
  }
}
