import { Field, ObjectType } from "type-graphql";

@ObjectType({
  description: "A shipping-fee entry of a WeChat order (`delivery_info.express_fee[]`).",
  simpleResolvers: true,
})
export class MiniStoreExpressFee {
  @Field(() => String, {
    nullable: true,
    description: "Shipping method (`shipping_method`), e.g. ShippingMethod_Express.",
  })
  shippingMethod!: string | null;
}
