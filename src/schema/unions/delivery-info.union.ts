import { createUnionType } from "type-graphql";

import { resolveBySource } from "../common/resolve-by-source.js";
import { MiniStoreDeliveryInfo } from "../mini-store/mini-store-delivery-info.type.js";
import { Weixin12315DeliveryInfo } from "../weixin12315/weixin12315-delivery-info.type.js";

export const DeliveryInfo = createUnionType({
  name: "DeliveryInfo",
  description: "Delivery of an order of either source; ask common fields with `... on DeliveryInfoCommon`.",
  types: () => [MiniStoreDeliveryInfo, Weixin12315DeliveryInfo] as const,
  resolveType: resolveBySource("deliveryInfo"),
});
