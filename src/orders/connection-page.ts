// One page of a connection field: the field's plan for the request's filter, walked by the pure
// pagination core with the request's settings.
import {
  paginate,
  type ConnectionArgs,
  type ConnectionPage,
  type ConnectionPlan,
} from "../pagination/connection.js";
import type { OrdersContext } from "./context.js";
import { paginationContext, settingsOf, type PaginationSettings } from "./settings.js";

/** `withTotalCount`: the client asked for `totalCount` (counted before the cursors, which keep its splits). */
export function connectionPage<T, R>(
  ctx: OrdersContext,
  planFor: (settings: PaginationSettings) => ConnectionPlan<T, R>,
  args: ConnectionArgs,
  withTotalCount = false,
): Promise<ConnectionPage<T>> {
  const settings = settingsOf(ctx);
  return paginate(planFor(settings), args, paginationContext(settings, ctx.freshReads), withTotalCount);
}
