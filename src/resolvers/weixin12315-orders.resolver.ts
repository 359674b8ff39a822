import { Args, Ctx, Query, Resolver } from "type-graphql";

import { paginate } from "../pagination/connection.js";
import { weixin12315OrdersQuery } from "../pagination/queries/weixin12315-orders.query.js";
import { paginationContext, settingsOf } from "../pagination/settings.js";
import { connectionOf } from "../schema/connections/connection.factory.js";
import { Weixin12315OrderConnection } from "../schema/connections/weixin12315-order-connection.type.js";
import { Weixin12315OrdersArgs } from "../schema/filters/connection.args.js";
import type { OrdersContext } from "./context.type.js";

@Resolver()
export class Weixin12315OrdersResolver {
  @Query(() => Weixin12315OrderConnection, {
    description: "weixin12315 mall orders newest first, with the mall's own filters (Relay connection).",
  })
  async weixin12315Orders(
    @Args() { filter, ...page }: Weixin12315OrdersArgs,
    @Ctx() ctx: OrdersContext,
  ): Promise<Weixin12315OrderConnection> {
    const settings = settingsOf(ctx);
    const query = weixin12315OrdersQuery(filter, ctx, settings);
    return connectionOf(Weixin12315OrderConnection, await paginate(query, page, paginationContext(settings)));
  }
}
