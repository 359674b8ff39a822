// Per-GraphQL-request DataLoaders: within one operation the same order or list page is fetched once.
// Created per request (never shared), so no cache outlives an operation. The batch functions issue one
// upstream call per distinct key (neither upstream batches); the client's bulkhead bounds how many run at once.
import DataLoader from "dataloader";

import type { OrderSourceName } from "../shared/order-source.js";
import { SourceNotConfiguredError } from "./errors.js";
import type { UpstreamSources } from "./index.js";
import type { MiniStoreListParams, MiniStoreOrderPage } from "./wechat/client.js";
import type { MiniStoreWireOrder } from "./wechat/wire.js";
import type { Weixin12315ListParams, Weixin12315OrderPage } from "./weixin12315/client.js";
import type { Weixin12315WireOrder } from "./weixin12315/wire.js";

export interface OrderLoaders {
  /** WeChat order by `order_id` (digit string) → order, or null when WeChat has none. */
  miniStoreOrder: DataLoader<string, MiniStoreWireOrder | null, string>;
  /** weixin12315 order by `ordernumber` → order, or null. */
  weixin12315OrderByNumber: DataLoader<string, Weixin12315WireOrder | null, string>;
  /** One `product/order/get_list` page, keyed by its exact parameters (rows: sort fields checked, see listed-order.ts). */
  miniStoreOrderPage: DataLoader<MiniStoreListParams, MiniStoreOrderPage, string>;
  /** One `md.shop.order.list` page, keyed by its exact parameters (rows: sort fields checked, see listed-order.ts). */
  weixin12315OrderPage: DataLoader<Weixin12315ListParams, Weixin12315OrderPage, string>;
}

export function createOrderLoaders(sources: UpstreamSources): OrderLoaders {
  const { miniStore, weixin12315 } = sources;
  return {
    miniStoreOrder: perKeyLoader("MINI_STORE", miniStore && ((id: string) => miniStore.getOrder(id))),
    weixin12315OrderByNumber: perKeyLoader(
      "WEIXIN12315",
      weixin12315 && ((orderNumber: string) => weixin12315.findOrderByNumber(orderNumber)),
    ),
    miniStoreOrderPage: perKeyLoader(
      "MINI_STORE",
      miniStore && ((params: MiniStoreListParams) => miniStore.listOrders(params)),
      paramsKey,
    ),
    weixin12315OrderPage: perKeyLoader(
      "WEIXIN12315",
      weixin12315 && ((params: Weixin12315ListParams) => weixin12315.listOrders(params)),
      paramsKey,
    ),
  };
}

/** A loader that calls `load` once per distinct key; without a client every key fails as not configured. */
function perKeyLoader<K, V>(
  source: OrderSourceName,
  load: ((key: K) => Promise<V>) | undefined,
  cacheKeyFn: (key: K) => string = String,
): DataLoader<K, V, string> {
  return new DataLoader<K, V, string>(
    async (keys) => {
      if (!load) return keys.map(() => new SourceNotConfiguredError(source));
      return Promise.all(keys.map((key) => load(key).catch((error: unknown) => asError(error))));
    },
    { cacheKeyFn },
  );
}

/** Same parameters → same key, whatever the property order; absent and undefined are the same. */
function paramsKey(params: object): string {
  const entries = Object.entries(params)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(entries);
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
