import { Field, InputType } from "type-graphql";

import { Weixin12315GroupBuyStatus } from "../enums/weixin12315-group-buy-status.enum.js";
import { Weixin12315OrderScope } from "../enums/weixin12315-order-scope.enum.js";
import { Weixin12315OrderStatus } from "../enums/weixin12315-order-status.enum.js";
import { DateTimeScalar } from "../scalars/date-time.scalar.js";

@InputType({ description: "weixin12315's own `md.shop.order.list` filters. Fields combine with AND." })
export class Weixin12315OrderFilter {
  @Field(() => Weixin12315OrderStatus, {
    nullable: true,
    description: "`orderstatus`. Absent: every status.",
  })
  status?: Weixin12315OrderStatus | null;

  @Field(() => Weixin12315OrderScope, {
    nullable: true,
    description: "`orderscope`: which order list. Absent: ALL.",
  })
  scope?: Weixin12315OrderScope | null;

  @Field(() => String, {
    nullable: true,
    description:
      "`keyword`: the exact order number (`ordernumber`). The default 30-day window does not apply to it.",
  })
  orderNumber?: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      "`startordertime`: ordered at or after (inclusive, to the second). Missing: 30 days before the end.",
  })
  orderedAfter?: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      "`endordertime`: ordered at or before (inclusive). Missing: the moment the first page is read.",
  })
  orderedBefore?: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      "`startreceivetime`: received at or after (inclusive). With a receive window and no order-time bounds, the " +
      "order-time window is not limited to 30 days.",
  })
  receivedAfter?: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "`endreceivetime`: received at or before (inclusive).",
  })
  receivedBefore?: Date | null;

  @Field(() => Weixin12315GroupBuyStatus, {
    nullable: true,
    description: "`packagestatus`: group-buy state. Absent: ALL.",
  })
  groupBuyStatus?: Weixin12315GroupBuyStatus | null;
}
