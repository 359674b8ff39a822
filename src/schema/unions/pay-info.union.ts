import { createUnionType } from "type-graphql";

import { resolveBySource } from "../common/resolve-by-source.js";
import { MiniStorePayInfo } from "../mini-store/mini-store-pay-info.type.js";
import { Weixin12315PayInfo } from "../weixin12315/weixin12315-pay-info.type.js";

export const PayInfo = createUnionType({
  name: "PayInfo",
  description: "Payment of an order of either source; ask common fields with `... on PayInfoCommon`.",
  types: () => [MiniStorePayInfo, Weixin12315PayInfo] as const,
  resolveType: resolveBySource("payInfo"),
});
