import { Field, InterfaceType } from "type-graphql";

import type { MoneyValue } from "../../shared/money.js";
import { DateTimeScalar } from "../scalars/date-time.scalar.js";
import { Money } from "./money.type.js";
import { resolveBySource } from "./resolve-by-source.js";

@InterfaceType({
  description: "How and when an order was paid.",
  resolveType: resolveBySource("payInfo"),
})
export abstract class PayInfoCommon {
  @Field(() => String, {
    nullable: true,
    description: "Payment method as the source names it (e.g. 微信支付).",
  })
  method!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the buyer paid; null while unpaid." })
  paidAt!: Date | null;

  @Field(() => Money, { nullable: true, description: "Amount the buyer pays for the order." })
  amount!: MoneyValue | null;
}
