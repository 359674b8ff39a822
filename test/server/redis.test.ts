import { randomBytes } from "node:crypto";

import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createOrdersServer, type OrdersServer } from "../../src/server/app.js";
import { startTestStack, type TestStack } from "../support/stack.js";

const REDIS_URL = process.env.REDIS_URL;
if (!REDIS_URL) console.warn("test/server/redis.test.ts skipped: REDIS_URL is not set (CI sets it)");

describe.skipIf(!REDIS_URL)("with REDIS_URL", () => {
  // A fresh appid per run: the token key is per appid, and other runs may share this Redis.
  const appid = `wxredis${randomBytes(6).toString("hex")}`;
  const keyPrefix = `weixin-orders-subgraph:wechat-token:${appid}`;
  let stack: TestStack;
  let replica: OrdersServer;
  let replicaUrl: string;
  let redis: Redis;

  beforeAll(async () => {
    redis = new Redis(REDIS_URL!);
    stack = await startTestStack({ orderCount: 20, env: { REDIS_URL }, wechat: { appid } });
    replica = await createOrdersServer({ ...stack.config, port: 0 }, { logger: stack.server.logger });
    replicaUrl = await replica.listen();
  });
  afterAll(async () => {
    await replica?.close();
    await stack?.close();
    await redis?.del(`${keyPrefix}:token`, `${keyPrefix}:lock`);
    redis?.disconnect();
  });

  it("shares one WeChat access token between replicas through Redis", async () => {
    const orderNumber = String(stack.wechat.orders()[0]!.order_id);
    const query = "query($n: String!) { orderByNumber(source: MINI_STORE, orderNumber: $n) { __typename } }";
    const first = await stack.graphql(query, { n: orderNumber });
    expect(first.errors).toBeUndefined();
    expect(await redis.exists(`${keyPrefix}:token`)).toBe(1);

    const response = await fetch(`${replicaUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables: { n: orderNumber } }),
    });
    expect(await response.json()).toEqual({ data: { orderByNumber: { __typename: "MiniStoreOrder" } } });
    const tokenCalls =
      (stack.wechat.stats().calls["cgi-bin/stable_token"] ?? 0) +
      (stack.wechat.stats().calls["cgi-bin/token"] ?? 0);
    expect(tokenCalls).toBe(1);
  });
});
