// Must show: identical upstream reads in flight at the same moment in one process are made once,
// across requests (each with its own loaders), with the cache off (UPSTREAM_CACHE_TTL_SECONDS=0)
// as with it on; reads that differ in any parameter are not merged. Real HTTP to the simulator.
import { afterAll, beforeAll, expect, it } from "vitest";

import { createUpstreamCache } from "../../src/cache/index.js";
import { createUpstreamSources, type UpstreamSources } from "../../src/datasources/index.js";
import { createOrderLoaders } from "../../src/datasources/loaders.js";
import {
  startWeixin12315Simulator,
  type Weixin12315Simulator,
} from "../../src/simulators/weixin12315/index.js";
import { memoryLogger, WX12315 } from "../datasources/support.js";

let mall: Weixin12315Simulator;
let sources: UpstreamSources;

beforeAll(async () => {
  mall = await startWeixin12315Simulator({ ...WX12315, port: 0, orderCount: 100 });
  const { logger } = memoryLogger();
  const cache = createUpstreamCache({ ttlSeconds: 0, maxBytes: 1 << 20, logger });
  sources = createUpstreamSources({
    logger,
    cache,
    weixin12315: { baseUrl: mall.url, appId: WX12315.appId, appSecret: WX12315.appSecret },
  });
});
afterAll(async () => {
  await sources.weixin12315?.close();
  await mall?.close();
});

const params = (pageIndex: number) => ({ orderScope: 0, packageStatus: -1, pageIndex, pageSize: 10 });

it("20 requests reading the same page at once cost one call; another page is its own call", async () => {
  mall.resetStats();
  const reads = Array.from({ length: 20 }, () =>
    createOrderLoaders(sources).weixin12315OrderPage.load({ params: params(1) }),
  );
  reads.push(createOrderLoaders(sources).weixin12315OrderPage.load({ params: params(2) }));
  const pages = await Promise.all(reads);
  expect(new Set(pages.slice(0, 20).map((p) => p.orders.map((o) => o.orderId).join()))).toHaveProperty(
    "size",
    1,
  );
  expect(mall.stats().calls["md.shop.order.list"]).toBe(2);
  // Settled: without a cache, the next read goes upstream again.
  await createOrderLoaders(sources).weixin12315OrderPage.load({ params: params(1) });
  expect(mall.stats().calls["md.shop.order.list"]).toBe(3);
});
