import { Field, ObjectType } from "type-graphql";

import type { MoneyValue } from "../../shared/money.js";
import { Money } from "../common/money.type.js";
import { PayInfoCommon } from "../common/pay-info-common.interface.js";
import { DateTimeScalar } from "../scalars/date-time.scalar.js";

@ObjectType({
  description: "Payment of a WeChat order (`order_detail.pay_info`).",
  implements: PayInfoCommon,
  simpleResolvers: true,
})
export class MiniStorePayInfo implements PayInfoCommon {
  /** Carried for `resolveType`; not a schema field. */
  source!: "MINI_STORE";

  @Field(() => String, { nullable: true, description: "Payment method (`pay_method`), e.g. 微信支付." })
  method!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Payment time (`pay_time`, China time)." })
  paidAt!: Date | null;

  @Field(() => Money, {
    nullable: true,
    description: "Amount the buyer pays: the order price (`price_info.order_price`, fen).",
  })
  amount!: MoneyValue | null;

  @Field(() => String, { nullable: true, description: "WeChat Pay prepay id (`prepay_id`)." })
  prepayId!: string | null;

  @Field(() => String, { nullable: true, description: "WeChat Pay transaction id (`transaction_id`)." })
  transactionId!: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "When the prepay order was created (`prepay_time`, China time).",
  })
  prepayTime!: Date | null;
}
