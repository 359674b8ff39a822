// Must show: the in-process cache's byte bound (UPSTREAM_CACHE_MAX_BYTES) counts what this process
// really keeps for a list read: its text and the rows the client decoded from it, which the client
// keeps for as long as the body is stored. A bound that holds the text alone but not the decoded rows
// keeps nothing, so the bound is the heap the cache holds. Real HTTP to the WeChat simulator.
import { afterAll, beforeAll, expect, it } from "vitest";

import { createUpstreamCache } from "../../src/cache/index.js";
import type { MiniStoreClient } from "../../src/datasources/wechat/client.js";
import { startWechatSimulator, type WechatSimulator } from "../../src/simulators/wechat/index.js";
import { WECHAT, memoryLogger, miniStoreClient, recentWindow } from "../datasources/support.js";

let sim: WechatSimulator;
const clients: MiniStoreClient[] = [];

beforeAll(async () => {
  sim = await startWechatSimulator({ ...WECHAT, seed: 5, orderCount: 300 });
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await sim?.close();
});

const { logger } = memoryLogger();

function clientWithCacheOf(maxBytes: number): MiniStoreClient {
  const cache = createUpstreamCache({ ttlSeconds: 60, maxBytes, logger });
  const client = miniStoreClient(sim, logger, { cache });
  clients.push(client);
  return client;
}

/** The text of the page `params` asks for, as WeChat sends it. */
async function bodyText(client: MiniStoreClient, params: ReturnType<typeof recentWindow>): Promise<string> {
  const token = await client.tokens.getToken();
  const response = await fetch(`${sim.url}/product/order/get_list?access_token=${token}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      start_create_time: params.startCreateTime,
      end_create_time: params.endCreateTime,
      status: params.status,
      page: params.page,
      page_size: params.pageSize,
    }),
  });
  return response.text();
}

/** List calls WeChat served while `run` ran. */
async function listCalls(run: () => Promise<unknown>): Promise<number> {
  sim.resetStats();
  await run();
  return sim.stats().calls["product/order/get_list"] ?? 0;
}

it("a list read whose text fits the bound but not with its decoded rows is not kept; a bound that holds both serves it again", async () => {
  const params = recentWindow(sim.now(), { status: 100, pageSize: 40 });
  const probe = clientWithCacheOf(1 << 20);
  const text = await bodyText(probe, params);
  expect(text.length).toBeGreaterThan(10_000);

  // Three times the text's UTF-16 bytes: room for the text, not for the rows decoded from it.
  const tight = clientWithCacheOf(3 * 2 * text.length);
  expect(await listCalls(() => tight.listOrders(params))).toBe(1);
  expect(await listCalls(() => tight.listOrders(params))).toBe(1);

  const roomy = clientWithCacheOf(20 * 2 * text.length);
  expect(await listCalls(() => roomy.listOrders(params))).toBe(1);
  expect(await listCalls(() => roomy.listOrders(params))).toBe(0);
});
