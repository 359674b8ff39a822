import { Field, ObjectType } from "type-graphql";

import type { MoneyValue } from "../../shared/money.js";
import { Money } from "../common/money.type.js";

@ObjectType({
  description: "Price breakdown of a WeChat order (`order_detail.price_info`).",
  simpleResolvers: true,
})
export class MiniStorePriceInfo {
  @Field(() => Money, { nullable: true, description: "Total price of the products (`product_price`, fen)." })
  productPrice!: MoneyValue | null;

  @Field(() => Money, {
    nullable: true,
    description: "Order price the buyer pays, freight included (`order_price`, fen).",
  })
  orderPrice!: MoneyValue | null;

  @Field(() => Money, { nullable: true, description: "Freight (`freight`, fen)." })
  freight!: MoneyValue | null;

  @Field(() => Money, { nullable: true, description: "Discount amount (`discounted_price`, fen)." })
  discountedPrice!: MoneyValue | null;

  @Field(() => Boolean, { nullable: true, description: "Whether a discount applied (`is_discounted`)." })
  isDiscounted!: boolean | null;
}
