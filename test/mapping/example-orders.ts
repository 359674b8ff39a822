// The example responses of both upstream documents (test/mapping/fixtures), parsed as the clients parse
// them (lossless-json) and validated by the wire schemas.
import { readFileSync } from "node:fs";

import DataLoader from "dataloader";
import { parse } from "lossless-json";

import type { OrderLoaders } from "../../src/datasources/loaders.js";
import { miniStoreOrderListResponse, type MiniStoreWireOrder } from "../../src/datasources/wechat/wire.js";
import {
  weixin12315OrderListResponse,
  type Weixin12315WireOrder,
} from "../../src/datasources/weixin12315/wire.js";
import type { OrdersContext } from "../../src/orders/context.js";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

/** WeChat get_list example; the document's `...` elisions are filled and its `//选填` comment dropped. */
export const wechatExampleText = fixture("wechat-order-list.json");
/** weixin12315 md.shop.order.list example, verbatim. */
export const weixin12315ExampleText = fixture("weixin12315-order-list.json");

export const wechatExample = () => miniStoreOrderListResponse.parse(parse(wechatExampleText));
export const weixin12315Example = () => weixin12315OrderListResponse.parse(parse(weixin12315ExampleText));

function unused(name: string): never {
  throw new Error(`${name} is not used by single-order lookups`);
}

/**
 * Loaders that answer from the example documents, standing in for the upstream (the lookup tests
 * over real clients and simulators are in test/schema/order-lookups.test.ts).
 */
export function exampleContext(
  miniStoreOrders: MiniStoreWireOrder[] = wechatExample().orders,
  weixin12315Orders: Weixin12315WireOrder[] = weixin12315Example().return_data.orders,
): OrdersContext & { calls: string[] } {
  const calls: string[] = [];
  const loaders: OrderLoaders = {
    miniStoreOrder: new DataLoader(async (ids) => {
      calls.push(`miniStoreOrder:${ids.join(",")}`);
      return ids.map((id) => miniStoreOrders.find((order) => order.order_id === id) ?? null);
    }),
    weixin12315OrderByNumber: new DataLoader(async (numbers) => {
      calls.push(`weixin12315OrderByNumber:${numbers.join(",")}`);
      return numbers.map((n) => weixin12315Orders.find((order) => order.ordernumber === n) ?? null);
    }),
    miniStoreOrderPage: new DataLoader(async () => unused("miniStoreOrderPage")),
    weixin12315OrderPage: new DataLoader(async () => unused("weixin12315OrderPage")),
  };
  return { loaders, requestId: "test", canSeePersonalData: true, calls };
}
