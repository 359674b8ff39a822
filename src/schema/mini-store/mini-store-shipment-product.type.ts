import { Field, ObjectType } from "type-graphql";

import { SafeIntScalar } from "../scalars/safe-int.scalar.js";

@ObjectType({
  description: "A product in one WeChat shipment (`delivery_product_info[].product_infos[]`).",
  simpleResolvers: true,
})
export class MiniStoreShipmentProduct {
  @Field({ description: "Product id (`product_id`), digit-exact." })
  productId!: string;

  @Field(() => String, { nullable: true, description: "SKU id (`sku_id`), digit-exact." })
  skuId!: string | null;

  @Field(() => SafeIntScalar, { nullable: true, description: "Units in this shipment (`product_cnt`)." })
  productCnt!: number | null;
}
