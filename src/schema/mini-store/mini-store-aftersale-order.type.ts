import { Field, ObjectType } from "type-graphql";

import { SafeIntScalar } from "../scalars/safe-int.scalar.js";

@ObjectType({
  description: "One after-sale case of a WeChat order (`aftersale_detail.aftersale_order_list[]`).",
  simpleResolvers: true,
})
export class MiniStoreAftersaleOrder {
  @Field({ description: "After-sale order id (`aftersale_order_id`), digit-exact." })
  aftersaleOrderId!: string;

  @Field(() => SafeIntScalar, {
    nullable: true,
    description: "After-sale status code (`status`) as WeChat sends it (codes of the after-sale API).",
  })
  status!: number | null;
}
