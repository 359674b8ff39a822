import { createUnionType } from "type-graphql";

import { resolveBySource } from "../common/resolve-by-source.js";
import { MiniStoreProductInfo } from "../mini-store/mini-store-product-info.type.js";
import { Weixin12315OrderItem } from "../weixin12315/weixin12315-order-item.type.js";

export const ProductInfo = createUnionType({
  name: "ProductInfo",
  description: "A product line of either source; ask common fields with `... on ProductInfoCommon`.",
  types: () => [MiniStoreProductInfo, Weixin12315OrderItem] as const,
  resolveType: resolveBySource("productInfo"),
});
