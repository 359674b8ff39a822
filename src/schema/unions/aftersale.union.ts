import { createUnionType } from "type-graphql";

import { resolveBySource } from "../common/resolve-by-source.js";
import { MiniStoreAftersale } from "../mini-store/mini-store-aftersale.type.js";
import { Weixin12315Aftersale } from "../weixin12315/weixin12315-aftersale.type.js";

export const Aftersale = createUnionType({
  name: "Aftersale",
  description:
    "After-sale state of an order of either source; ask common fields with `... on AftersaleCommon`.",
  types: () => [MiniStoreAftersale, Weixin12315Aftersale] as const,
  resolveType: resolveBySource("aftersale"),
});
