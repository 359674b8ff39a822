import { ArgsType, Field } from "type-graphql";

import { OrderSource } from "../schema/enums/order-source.enum.js";

@ArgsType()
export class OrderByNumberArgs {
  @Field(() => OrderSource, { description: "The shop that issued the order number." })
  source!: OrderSource;

  @Field({
    description: "The order number a person sees: WeChat `order_id` (digits) or weixin12315 `ordernumber`.",
  })
  orderNumber!: string;
}
