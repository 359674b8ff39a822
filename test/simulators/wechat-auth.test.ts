import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWechatSimulator, type WechatSimulator } from "../../src/simulators/wechat/index.js";
import { APPID, NOW, SECRET, call, classicToken, getList, getOrder, listBody } from "./wechat-support.js";

// Tokens, credentials, quotas and call statistics. The base clock is fixed; only the admin API
// moves the simulator clock, so every expiry below is exact.

let sim: WechatSimulator;
beforeAll(async () => {
  sim = await startWechatSimulator({ appid: APPID, secret: SECRET, orderCount: 300, now: () => NOW });
});
afterAll(() => sim.close());

const advance = (seconds: number) => call(sim, "/__sim/clock/advance", { seconds });
const stable = (extra: Record<string, unknown> = {}) =>
  call(sim, "/cgi-bin/stable_token", {
    grant_type: "client_credential",
    appid: APPID,
    secret: SECRET,
    ...extra,
  });
const listCode = async (token: string) => (await getList(sim, token, listBody())).json.errcode;

describe("GET /cgi-bin/token", () => {
  it("issues a token valid for 7200 seconds", async () => {
    const reply = await call(
      sim,
      `/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=${SECRET}`,
    );
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ access_token: expect.any(String), expires_in: 7200 });
    expect(await listCode(reply.json.access_token as string)).toBe(0);
  });

  it.each([
    ["wrong grant_type", 40002, "invalid grant_type", `grant_type=password&appid=${APPID}&secret=${SECRET}`],
    ["missing grant_type", 40002, "invalid grant_type", `appid=${APPID}&secret=${SECRET}`],
    ["missing appid", 41002, "appid missing", `grant_type=client_credential&secret=${SECRET}`],
    [
      "wrong appid",
      40013,
      "invalid appid",
      `grant_type=client_credential&appid=wx0000000000000000&secret=${SECRET}`,
    ],
    ["missing secret", 41004, "appsecret missing", `grant_type=client_credential&appid=${APPID}`],
    ["wrong secret", 40125, "invalid appsecret", `grant_type=client_credential&appid=${APPID}&secret=nope`],
  ])("%s → %i", async (_name, errcode, errmsg, query) => {
    const reply = await call(sim, `/cgi-bin/token?${query}`);
    expect(reply.json).toEqual({ errcode, errmsg });
    expect(reply.text).not.toContain(SECRET);
  });

  it("keeps the previous token valid for the 5-minute grace after a new one, then 42001", async () => {
    const first = await classicToken(sim);
    const second = await classicToken(sim);
    expect(second).not.toBe(first);
    await advance(299);
    expect(await listCode(first)).toBe(0);
    await advance(1);
    expect(await listCode(first)).toBe(42001);
    expect(await listCode(second)).toBe(0);
  });

  it("expires a token after its 7200 seconds", async () => {
    const token = await classicToken(sim);
    await advance(7199);
    expect(await listCode(token)).toBe(0);
    await advance(1);
    expect((await getList(sim, token, listBody())).json).toEqual({
      errcode: 42001,
      errmsg: "access_token expired",
    });
  });
});

describe("POST /cgi-bin/stable_token", () => {
  it("returns the same token while it is valid, with its remaining lifetime", async () => {
    const first = await stable({ force_refresh: true });
    expect(first.json.expires_in).toBe(7200);
    await advance(100);
    const again = await stable();
    expect(again.json).toEqual({ access_token: first.json.access_token, expires_in: 7100 });
    expect((await stable({ force_refresh: false })).json.access_token).toBe(first.json.access_token);
  });

  it("force_refresh issues a new token; the old one lasts the grace only", async () => {
    const old = (await stable()).json.access_token as string;
    const fresh = (await stable({ force_refresh: true })).json.access_token as string;
    expect(fresh).not.toBe(old);
    expect((await stable()).json.access_token).toBe(fresh);
    await advance(299);
    expect(await listCode(old)).toBe(0);
    await advance(1);
    expect(await listCode(old)).toBe(42001);
    expect(await listCode(fresh)).toBe(0);
  });

  it("is independent of the classic token", async () => {
    const stableToken = (await stable()).json.access_token as string;
    await classicToken(sim);
    await advance(600);
    expect((await stable()).json.access_token).toBe(stableToken);
    expect(await listCode(stableToken)).toBe(0);
  });

  it("issues a new token once the current one has expired", async () => {
    const old = (await stable()).json.access_token as string;
    await advance(7200);
    const next = await stable();
    expect(next.json.access_token).not.toBe(old);
    expect(next.json.expires_in).toBe(7200);
  });

  it.each([
    ["wrong grant_type", 40002, { grant_type: "x" }],
    ["wrong appid", 40013, { appid: "wx0000000000000000" }],
    ["wrong secret", 40125, { secret: "nope" }],
    ["missing secret", 41004, { secret: undefined }],
  ])("%s → %i", async (_name, errcode, extra) => {
    expect((await stable(extra)).json.errcode).toBe(errcode);
  });
});

describe("access_token on the order endpoints", () => {
  const paths = ["/product/order/get_list", "/product/order/get"];

  it.each(paths)("%s: missing → 41001, unknown → 40001", async (path) => {
    const body = path.endsWith("get") ? { order_id: 1 } : listBody();
    expect((await call(sim, path, body)).json).toEqual({ errcode: 41001, errmsg: "access_token missing" });
    expect((await call(sim, `${path}?access_token=`, body)).json.errcode).toBe(41001);
    expect((await call(sim, `${path}?access_token=forged-token`, body)).json).toEqual({
      errcode: 40001,
      errmsg: "invalid credential, access_token is invalid or not latest",
    });
  });

  it("checks the token before the parameters", async () => {
    expect((await call(sim, "/product/order/get_list?access_token=forged", { page: 0 })).json.errcode).toBe(
      40001,
    );
  });

  it("POST /__sim/tokens/expire expires every issued token now", async () => {
    const classic = await classicToken(sim);
    const stableToken = (await stable()).json.access_token as string;
    expect((await call(sim, "/__sim/tokens/expire", {})).json).toEqual({ ok: true });
    expect(await listCode(classic)).toBe(42001);
    expect((await getOrder(sim, stableToken, { order_id: 1 })).json.errcode).toBe(42001);
    const renewed = (await stable()).json.access_token as string;
    expect(renewed).not.toBe(stableToken);
    expect(await listCode(renewed)).toBe(0);
  });
});

describe("quotas", () => {
  afterAll(() => sim.configure({ quotas: {} }));

  it("answers 45011 past the per-minute quota until the next minute", async () => {
    const token = await classicToken(sim);
    await advance(60 - ((sim.now().getTime() / 1000) % 60)); // start of a clock minute
    expect((await call(sim, "/__sim/config", { quotas: { perMinute: 3 } })).json.quotas).toEqual({
      perMinute: 3,
    });
    for (let i = 0; i < 3; i += 1) expect(await listCode(token)).toBe(0);
    expect((await getList(sim, token, listBody())).json).toEqual({
      errcode: 45011,
      errmsg: "api minute-quota reach limit  mustslower  retry next minute",
    });
    // Quotas are per endpoint: get is still allowed.
    expect((await getOrder(sim, token, { order_id: 1 })).json.errcode).toBe(100002);
    await advance(60);
    expect(await listCode(token)).toBe(0);
  });

  it("answers 45009 past the per-day quota until the next day (China midnight)", async () => {
    await advance(86_400);
    const token = await classicToken(sim);
    await call(sim, "/__sim/config", { quotas: { perDay: 2 } });
    expect(await listCode(token)).toBe(0);
    expect(await listCode(token)).toBe(0);
    expect((await getList(sim, token, listBody())).json).toEqual({
      errcode: 45009,
      errmsg: "reach max api daily quota limit",
    });
    const midnight = 86_400 - ((sim.now().getTime() / 1000 + 8 * 3600) % 86_400);
    await advance(midnight - 1);
    const renewed = await classicToken(sim);
    expect(await listCode(renewed)).toBe(45009);
    await advance(1);
    expect(await listCode(renewed)).toBe(0);
  });

  it("applies the quotas given at start", async () => {
    const limited = await startWechatSimulator({
      appid: APPID,
      secret: SECRET,
      orderCount: 30,
      now: () => NOW,
      quotas: { perMinute: 1 },
    });
    try {
      expect((await classicToken(limited)).length).toBeGreaterThan(20);
      expect(
        (await call(limited, `/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=${SECRET}`))
          .json.errcode,
      ).toBe(45011);
    } finally {
      await limited.close();
    }
  });
});

describe("call statistics", () => {
  it("counts calls per endpoint and per token (appid for the token endpoints)", async () => {
    const first = await classicToken(sim);
    const second = (await stable({ force_refresh: true })).json.access_token as string;
    await call(sim, "/__sim/stats/reset", {});
    await getList(sim, first, listBody());
    await getList(sim, first, listBody({ page: 2 }));
    await getOrder(sim, second, { order_id: 1 });
    await classicToken(sim);
    await call(sim, "/product/order/get", { order_id: 1 });
    const stats = (await call(sim, "/__sim/stats")).json;
    expect(stats.total).toBe(5);
    expect(stats.calls).toEqual({ "product/order/get_list": 2, "product/order/get": 2, "cgi-bin/token": 1 });
    expect(stats.callsByCredential).toEqual({
      [first]: { "product/order/get_list": 2 },
      [second]: { "product/order/get": 1 },
      [APPID]: { "cgi-bin/token": 1 },
    });
    expect(sim.stats().total).toBe(5);
  });
});
