import { registerEnumType } from "type-graphql";

import type { OrderSourceName } from "../../shared/order-source.js";

/** The two upstream shops; values equal `OrderSourceName`. */
export enum OrderSource {
  MINI_STORE = "MINI_STORE",
  WEIXIN12315 = "WEIXIN12315",
}

// Keeps the enum and the shared name list in lockstep at compile time.
const _sameNames: Record<OrderSourceName, OrderSource> = OrderSource;

registerEnumType(OrderSource, {
  name: "OrderSource",
  description: "The upstream shop an order comes from.",
  valuesConfig: {
    MINI_STORE: { description: "WeChat Mini Store (微信小商店), `api.weixin.qq.com/product/order/*`." },
    WEIXIN12315: { description: "weixin12315 mall (微商城), `openapi.weixin12315.com` md.shop.order.list." },
  },
});
