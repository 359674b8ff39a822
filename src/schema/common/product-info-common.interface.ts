import { Field, InterfaceType } from "type-graphql";

import type { MoneyValue } from "../../shared/money.js";
import { SafeIntScalar } from "../scalars/safe-int.scalar.js";
import { Money } from "./money.type.js";
import { resolveBySource } from "./resolve-by-source.js";

@InterfaceType({
  description: "An ordered product line, as both sources describe it.",
  resolveType: resolveBySource("productInfo"),
})
export abstract class ProductInfoCommon {
  @Field({ description: "The source's product id (digit-exact)." })
  productId!: string;

  @Field(() => String, {
    nullable: true,
    description: "The source's SKU id; null for weixin12315, which has none.",
  })
  skuId!: string | null;

  @Field(() => String, { nullable: true, description: "Product title." })
  title!: string | null;

  @Field(() => SafeIntScalar, { description: "Number of units ordered." })
  quantity!: number;

  @Field(() => Money, { nullable: true, description: "Price of one unit." })
  unitPrice!: MoneyValue | null;

  @Field(() => Money, { nullable: true, description: "Line total." })
  totalPrice!: MoneyValue | null;

  @Field(() => String, { nullable: true, description: "Product image URL." })
  imageUrl!: string | null;
}
