import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { SourceNotConfiguredError } from "../../src/datasources/errors.js";
import {
  closeUpstreamSources,
  createUpstreamSources,
  type UpstreamSources,
} from "../../src/datasources/index.js";
import { createOrderLoaders } from "../../src/datasources/loaders.js";
import { startWechatSimulator, type WechatSimulator } from "../../src/simulators/wechat/index.js";
import {
  startWeixin12315Simulator,
  type Weixin12315Simulator,
} from "../../src/simulators/weixin12315/index.js";
import {
  FAST_HTTP,
  WECHAT,
  WX12315,
  calls,
  expectNoSecretsLogged,
  expectNoSecretsLoggedByEachTest,
  memoryLogger,
  recentWindow,
} from "./support.js";

describe("per-request order loaders (against both simulators)", () => {
  const { logger, lines } = memoryLogger();
  expectNoSecretsLoggedByEachTest(lines, [WECHAT.secret, WX12315.appSecret]);
  let wechat: WechatSimulator;
  let mall: Weixin12315Simulator;
  let sources: UpstreamSources;

  beforeAll(async () => {
    [wechat, mall] = await Promise.all([
      startWechatSimulator({ ...WECHAT, seed: 31, orderCount: 300 }),
      startWeixin12315Simulator({ ...WX12315, seed: 31, orderCount: 300 }),
    ]);
    sources = createUpstreamSources({
      logger,
      http: FAST_HTTP,
      miniStore: { baseUrl: wechat.url, credentials: { mode: "stable", ...WECHAT } },
      weixin12315: { baseUrl: mall.url, ...WX12315 },
    });
    await sources.miniStore!.checkReady(); // token cached: the tests count order calls only
  });
  beforeEach(() => {
    wechat.resetStats();
    mall.resetStats();
  });
  afterAll(async () => {
    await closeUpstreamSources(sources);
    await Promise.all([wechat.close(), mall.close()]);
  });

  it("fetches each WeChat order once per operation, however often it is asked for", async () => {
    const loaders = createOrderLoaders(sources);
    const [a, b] = wechat.orders().map((order) => String(order.order_id));
    const results = await Promise.all(
      [a!, b!, a!, a!, b!, "1234567890123456789"].map((id) => loaders.miniStoreOrder.load(id)),
    );
    expect(results.map((order) => order?.order_id ?? null)).toEqual([a, b, a, a, b, null]);
    await loaders.miniStoreOrder.load(a!); // later in the same operation: cached
    expect(calls(wechat)).toEqual({ "product/order/get": 3 });
  });

  it("fetches each list page once per operation, whatever the parameters' property order", async () => {
    const loaders = createOrderLoaders(sources);
    const params = recentWindow(wechat.now());
    const { startCreateTime, endCreateTime, status, page, pageSize } = params;
    const reordered = { pageSize, page, status, endCreateTime, startCreateTime, source: undefined };
    const [first, second] = await Promise.all([
      loaders.miniStoreOrderPage.load({ params }),
      loaders.miniStoreOrderPage.load({ params: reordered }),
    ]);
    expect(second).toBe(first);
    await loaders.miniStoreOrderPage.load({ params: { ...params, page: 2 } });
    expect(calls(wechat)).toEqual({ "product/order/get_list": 2 });
  });

  it("dedupes weixin12315 pages and order-number lookups", async () => {
    const loaders = createOrderLoaders(sources);
    const params = { orderScope: 0, packageStatus: -1, pageIndex: 1, pageSize: 10 };
    const number = mall.orders()[3]!.ordernumber;
    await Promise.all([
      loaders.weixin12315OrderPage.load({ params }),
      loaders.weixin12315OrderPage.load({ params: { ...params } }),
      loaders.weixin12315OrderByNumber.load(number),
      loaders.weixin12315OrderByNumber.load(number),
    ]);
    expect((await loaders.weixin12315OrderByNumber.load(number))?.ordernumber).toBe(number);
    expect(calls(mall)).toEqual({ "md.shop.order.list": 2 });
  });

  it("loaders are per operation: a new set fetches again", async () => {
    const id = String(wechat.orders()[0]!.order_id);
    await createOrderLoaders(sources).miniStoreOrder.load(id);
    await createOrderLoaders(sources).miniStoreOrder.load(id);
    expect(calls(wechat)).toEqual({ "product/order/get": 2 });
  });

  it("a source without credentials fails every load with SourceNotConfiguredError", async () => {
    const loaders = createOrderLoaders({ weixin12315: sources.weixin12315 });
    const error = await loaders.miniStoreOrder.load("1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceNotConfiguredError);
    expect(error).toMatchObject({ code: "UPSTREAM_UNAVAILABLE", source: "MINI_STORE" });
    await expect(
      loaders.miniStoreOrderPage.load({ params: recentWindow(wechat.now()) }),
    ).rejects.toBeInstanceOf(SourceNotConfiguredError);
  });

  it("logs the calls of both sources without a secret, token or signature", async () => {
    const loaders = createOrderLoaders(sources);
    await loaders.miniStoreOrderPage.load({ params: recentWindow(wechat.now()) });
    await loaders.weixin12315OrderPage.load({
      params: { orderScope: 0, packageStatus: -1, pageIndex: 1, pageSize: 10 },
    });
    expectNoSecretsLogged(lines, [WECHAT.secret, WX12315.appSecret]);
  });
});
