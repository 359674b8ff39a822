import { Field, InputType } from "type-graphql";

import { OrderSource } from "../enums/order-source.enum.js";
import { OrderStatus } from "../enums/order-status.enum.js";
import { DateTimeScalar } from "../scalars/date-time.scalar.js";

@InputType({
  description: "Filter of the merged `orders` list. Fields combine with AND; list values with OR.",
})
export class OrderFilter {
  @Field(() => [OrderSource], { nullable: true, description: "Only these sources. Absent or empty: both." })
  sources?: OrderSource[] | null;

  @Field(() => [OrderStatus], {
    nullable: true,
    description:
      "Only these normalized statuses, mapped to each source's own codes; a source with none of them is not read " +
      "(e.g. REFUND reads weixin12315 only). Absent or empty: every status.",
  })
  statuses?: OrderStatus[] | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      "Created at or after this instant (inclusive, to the second). Without it the window starts " +
      "`DEFAULT_WINDOW_DAYS` (30) before its end.",
  })
  createdAfter?: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      "Created at or before this instant (inclusive, to the second). Without it (or when later) the window ends " +
      "when the first page is read: a walk is a snapshot.",
  })
  createdBefore?: Date | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The order number a person sees (WeChat `order_id`, weixin12315 `ordernumber`): a direct lookup in each source. " +
      "The default 30-day window does not apply to it; an explicit created window does.",
  })
  orderNumber?: string | null;
}
