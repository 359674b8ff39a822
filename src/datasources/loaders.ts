// Per-GraphQL-request DataLoaders: within one operation the same order or list page is fetched once.
// Created per request (never shared); what outlives an operation is the clients' response cache
// (src/cache), which every read here goes through. The batch functions issue one upstream call per
// distinct key (neither upstream batches); the client's bulkhead bounds how many run at once.
import DataLoader from "dataloader";

import type { CachePolicy } from "../cache/index.js";
import type { OrderSourceName } from "../shared/order-source.js";
import { SourceNotConfiguredError } from "./errors.js";
import type { UpstreamSources } from "./index.js";
import type { MiniStoreListParams, MiniStoreOrderPage } from "./wechat/client.js";
import type { MiniStoreWireOrder } from "./wechat/wire.js";
import type { Weixin12315ListParams, Weixin12315OrderPage } from "./weixin12315/client.js";
import type { Weixin12315WireOrder } from "./weixin12315/wire.js";

/** A list page's exact parameters and how it may use the cache. */
interface PageRead<P> {
  params: P;
  /** From upstream (refreshing the cache) instead of a stored copy; as the request says when absent. */
  fresh?: boolean;
  /** Round the fresh read is stored under (reads of one page attempt share one). */
  round?: string;
}

export interface OrderLoaders {
  /** WeChat order by `order_id` (digit string) → order, or null when WeChat has none. */
  miniStoreOrder: DataLoader<string, MiniStoreWireOrder | null, string>;
  /** weixin12315 order by `ordernumber` → order, or null. */
  weixin12315OrderByNumber: DataLoader<string, Weixin12315WireOrder | null, string>;
  /** One `product/order/get_list` page, keyed by its exact parameters (rows: sort fields checked, see listed-order.ts). */
  miniStoreOrderPage: DataLoader<PageRead<MiniStoreListParams>, MiniStoreOrderPage, string>;
  /** One `md.shop.order.list` page, keyed by its exact parameters (rows: sort fields checked, see listed-order.ts). */
  weixin12315OrderPage: DataLoader<PageRead<Weixin12315ListParams>, Weixin12315OrderPage, string>;
}

export interface OrderLoadersOptions {
  /** The request said `Cache-Control: no-cache`: every read goes upstream (and refreshes the cache). */
  fresh?: boolean;
}

export function createOrderLoaders(
  sources: UpstreamSources,
  options: OrderLoadersOptions = {},
): OrderLoaders {
  const { miniStore, weixin12315 } = sources;
  const requestFresh = options.fresh ?? false;
  const policy = (read: { fresh?: boolean | undefined; round?: string | undefined }): CachePolicy => ({
    fresh: requestFresh || (read.fresh ?? false),
    round: read.round,
  });
  return {
    miniStoreOrder: perKeyLoader(
      "MINI_STORE",
      miniStore && ((id: string) => miniStore.getOrder(id, policy({}))),
    ),
    weixin12315OrderByNumber: perKeyLoader(
      "WEIXIN12315",
      weixin12315 && ((orderNumber: string) => weixin12315.findOrderByNumber(orderNumber, policy({}))),
    ),
    miniStoreOrderPage: perKeyLoader(
      "MINI_STORE",
      miniStore && ((read: PageRead<MiniStoreListParams>) => miniStore.listOrders(read.params, policy(read))),
      pageReadKey,
    ),
    weixin12315OrderPage: perKeyLoader(
      "WEIXIN12315",
      weixin12315 &&
        ((read: PageRead<Weixin12315ListParams>) => weixin12315.listOrders(read.params, policy(read))),
      pageReadKey,
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

/** Same parameters (whatever the property order; absent and undefined alike) and policy → same key. */
function pageReadKey(read: PageRead<object>): string {
  const entries = Object.entries(read.params)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([entries, read.fresh ?? false, read.round ?? null]);
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
