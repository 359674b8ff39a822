import { ArgsType } from "type-graphql";

import { FilteredConnectionArgs } from "./connection-args.factory.js";
import { MiniStoreOrderFilter } from "./mini-store-order-filter.input.js";
import { OrderFilter } from "./order-filter.input.js";
import { Weixin12315OrderFilter } from "./weixin12315-order-filter.input.js";

@ArgsType()
export class OrdersArgs extends FilteredConnectionArgs(
  OrderFilter,
  "Which orders; absent: both sources, every status, the last 30 days.",
) {}

@ArgsType()
export class MiniStoreOrdersArgs extends FilteredConnectionArgs(
  MiniStoreOrderFilter,
  "WeChat's own filters; absent: every status, channel MINI_STORE, the last 30 days.",
) {}

@ArgsType()
export class Weixin12315OrdersArgs extends FilteredConnectionArgs(
  Weixin12315OrderFilter,
  "weixin12315's own filters; absent: every status and scope, the last 30 days.",
) {}
