import { Field, ObjectType } from "type-graphql";

import type { MoneyValue } from "../../shared/money.js";
import { Money } from "../common/money.type.js";
import { PayInfoCommon } from "../common/pay-info-common.interface.js";
import { DateTimeScalar } from "../scalars/date-time.scalar.js";

@ObjectType({
  description: "Payment of a weixin12315 order, from the order's `payway`, `passtime` and `payprice`.",
  implements: PayInfoCommon,
  simpleResolvers: true,
})
export class Weixin12315PayInfo implements PayInfoCommon {
  /** Carried for `resolveType`; not a schema field. */
  source!: "WEIXIN12315";

  @Field(() => String, {
    nullable: true,
    description: "Payment method (`payway`, 支付方式), exactly as sent.",
  })
  method!: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "Payment time (`passtime`, 付款时间); null while unpaid (待付款).",
  })
  paidAt!: Date | null;

  @Field(() => Money, {
    nullable: true,
    description: "Total the order requires (`payprice`, 订单需支付的总价格, yuan).",
  })
  amount!: MoneyValue | null;
}
