import { Field, ObjectType } from "type-graphql";

import type { MoneyValue } from "../../shared/money.js";
import { Money } from "../common/money.type.js";
import { ProductInfoCommon } from "../common/product-info-common.interface.js";
import { SafeIntScalar } from "../scalars/safe-int.scalar.js";
import { MiniStoreSkuAttr } from "./mini-store-sku-attr.type.js";

@ObjectType({
  description: "A product line of a WeChat order (`order_detail.product_infos[]`).",
  implements: ProductInfoCommon,
  simpleResolvers: true,
})
export class MiniStoreProductInfo implements ProductInfoCommon {
  /** Carried for `resolveType`; not a schema field. */
  source!: "MINI_STORE";

  @Field({ description: "Product id (`product_id`), digit-exact." })
  productId!: string;

  @Field(() => String, { nullable: true, description: "SKU id (`sku_id`), digit-exact." })
  skuId!: string | null;

  @Field(() => String, { nullable: true, description: "Product title (`title`)." })
  title!: string | null;

  @Field(() => SafeIntScalar, { description: "Number of units bought (`sku_cnt`)." })
  quantity!: number;

  @Field(() => Money, { nullable: true, description: "Sale price of one unit (`sale_price`, fen)." })
  unitPrice!: MoneyValue | null;

  @Field(() => Money, {
    nullable: true,
    description: "Line total: `sale_price` × `sku_cnt` (computed exactly in fen; null without a sale price).",
  })
  totalPrice!: MoneyValue | null;

  @Field(() => String, { nullable: true, description: "Thumbnail image URL (`thumb_img`)." })
  imageUrl!: string | null;

  @Field(() => SafeIntScalar, {
    nullable: true,
    description: "Units currently in after-sale (`on_aftersale_sku_cnt`).",
  })
  onAftersaleSkuCnt!: number | null;

  @Field(() => SafeIntScalar, {
    nullable: true,
    description: "Units whose after-sale has finished (`finish_aftersale_sku_cnt`).",
  })
  finishAftersaleSkuCnt!: number | null;

  @Field(() => [MiniStoreSkuAttr], { description: "SKU attributes (`sku_attrs`), e.g. colour or size." })
  skuAttrs!: MiniStoreSkuAttr[];

  @Field(() => Money, {
    nullable: true,
    description: "Market (list) price of one unit (`market_price`, fen).",
  })
  marketPrice!: MoneyValue | null;
}
