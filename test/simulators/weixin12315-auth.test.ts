import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatChinaCompactTime } from "../../src/shared/china-time.js";
import {
  startWeixin12315Simulator,
  type Weixin12315Simulator,
} from "../../src/simulators/weixin12315/index.js";
import {
  admin,
  ALL_ORDERS,
  APP_ID,
  APP_SECRET,
  BASE_NOW,
  listCaller,
  testSign,
} from "./weixin12315-support.js";

let sim: Weixin12315Simulator;
let call: ReturnType<typeof listCaller>;
const page = { ...ALL_ORDERS, pagesize: 1 };
const offset = (seconds: number) => formatChinaCompactTime(new Date(sim.now().getTime() + seconds * 1000));

beforeAll(async () => {
  sim = await startWeixin12315Simulator({
    appId: APP_ID,
    appSecret: APP_SECRET,
    orderCount: 50,
    now: () => BASE_NOW,
  });
  call = listCaller(sim);
});
afterAll(() => sim.close());

describe("weixin12315 simulator: request signing", () => {
  it("accepts a correctly signed request", async () => {
    const res = await call(page);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ return_code: "0", return_msg: "success", return_data: { count: 50 } });
    expect(res.json.return_data.orders).toHaveLength(1);
  });

  it("signs the document's own request (ints as strings, empty filters) like any other", async () => {
    const docExample = {
      orderstatus: 1,
      orderscope: 0,
      keyword: "",
      startordertime: "",
      endordertime: "",
      startreceivetime: "",
      endreceivetime: "",
      packagestatus: "-1",
      pageindex: "1",
      pagesize: "10",
    };
    expect((await call(docExample)).json.return_code).toBe("0");
  });

  it("sorts parameter names ordinally (upper case before lower case) and includes unknown ones", async () => {
    const params = { ...page, Zeta: "upper", alpha: "x" };
    expect((await call(params)).json.return_code).toBe("0");
    // a signer that sorted case-insensitively would put Zeta last
    const timestamp = offset(0);
    const nonce = "case-insensitive-order";
    const data = ["alpha", "orderscope", "packagestatus", "pageindex", "pagesize", "Zeta"]
      .map((k) => k + String((params as Record<string, unknown>)[k]))
      .join("");
    const wrong = createHash("md5")
      .update(timestamp + nonce + APP_SECRET + data)
      .digest("hex")
      .toUpperCase();
    expect((await call(params, { timestamp, nonce, sign: wrong })).json.return_code).toBe("40005");
  });

  it("writes numbers above 2^53 with their exact digits, null as empty text, booleans as true/false", async () => {
    const rawBody = `{"orderscope":0,"packagestatus":-1,"pageindex":1,"pagesize":1,"big":12345678901234567890,"none":null,"flag":true}`;
    const signed = { ...page, big: "12345678901234567890", none: "", flag: "true" };
    expect((await call(signed, { rawBody })).json.return_code).toBe("0");
  });

  it.each([
    [["appid"], "appid"],
    [["timestamp"], "timestamp"],
    [["nonce"], "nonce"],
    [["sign"], "sign"],
    [["appid", "timestamp", "nonce", "sign"], "appid, timestamp, nonce, sign"],
  ])("rejects a request missing %j with 40001", async (omit, named) => {
    const res = await call(page, { omit });
    expect(res.json).toMatchObject({ return_code: "40001", return_msg: `missing auth header(s): ${named}` });
  });

  it("rejects an unknown appid with 40002", async () => {
    expect((await call(page, { appId: "someone-else" })).json).toMatchObject({
      return_code: "40002",
      return_msg: "unknown appid",
    });
  });

  it.each(["2024-06-01 12:00:00", "2024060112000", "20241301120000", "1717214400", "abcdefghijklmn"])(
    "rejects the malformed timestamp %j with 40003",
    async (timestamp) => {
      const res = await call(page, { timestamp });
      expect(res.json.return_code).toBe("40003");
      expect(res.json.return_msg).toContain("yyyyMMddHHmmss");
    },
  );

  it.each([-301, 301, -3600, 86_400])(
    "rejects a timestamp %d s off the clock with 40004",
    async (seconds) => {
      const res = await call(page, { timestamp: offset(seconds) });
      expect(res.json).toMatchObject({ return_code: "40004" });
      expect(res.json.return_msg).toContain("300 s");
    },
  );

  it.each([-300, 300])("accepts a timestamp exactly %d s off the clock", async (seconds) => {
    expect((await call(page, { timestamp: offset(seconds) })).json.return_code).toBe("0");
  });

  it("rejects a wrong secret, a tampered body and a lower-case sign with 40005", async () => {
    expect((await call(page, { secret: "not-the-secret" })).json).toMatchObject({ return_code: "40005" });

    const timestamp = offset(0);
    const sign = testSign(page, timestamp, "tamper");
    const tampered = await call({ ...page, pagesize: 2 }, { timestamp, nonce: "tamper", sign });
    expect(tampered.json).toMatchObject({ return_code: "40005", return_msg: "sign does not match" });

    const lower = await call(page, {
      timestamp,
      nonce: "lower",
      sign: testSign(page, timestamp, "lower").toLowerCase(),
    });
    expect(lower.json.return_code).toBe("40005");
  });

  it("never echoes the secret or the signature", async () => {
    const res = await call(page, { sign: "0123456789ABCDEF0123456789ABCDEF" });
    expect(res.text).not.toContain(APP_SECRET);
    expect(res.text).not.toContain("0123456789ABCDEF");
  });

  it("rejects a replayed nonce with 40006, even with a fresh timestamp and valid sign", async () => {
    expect((await call(page, { nonce: "once" })).json.return_code).toBe("0");
    const replay = await call(page, { nonce: "once", timestamp: offset(1) });
    expect(replay.json).toMatchObject({ return_code: "40006" });
    expect(replay.json.return_msg).toContain("nonce");
  });

  it("does not burn a nonce on a rejected call", async () => {
    expect((await call(page, { nonce: "kept", secret: "wrong" })).json.return_code).toBe("40005");
    expect((await call(page, { nonce: "kept" })).json.return_code).toBe("0");
  });

  it("allows a nonce again once the 600 s window has passed (clock advanced through the admin API)", async () => {
    expect((await call(page, { nonce: "window" })).json.return_code).toBe("0");
    await admin(sim, "POST", "/__sim/clock/advance", { seconds: 599 });
    expect((await call(page, { nonce: "window" })).json.return_code).toBe("40006");
    await admin(sim, "POST", "/__sim/clock/advance", { seconds: 2 });
    expect((await call(page, { nonce: "window" })).json.return_code).toBe("0");
    // the old clock's timestamps are now stale
    expect((await call(page, { timestamp: formatChinaCompactTime(BASE_NOW) })).json.return_code).toBe(
      "40004",
    );
  });

  it("checks the signature before the parameters, and answers bad parameters with 40010 once authentic", async () => {
    expect((await call({ orderscope: 9 }, { secret: "wrong" })).json.return_code).toBe("40005");
    expect((await call({ orderscope: 9 })).json.return_code).toBe("40010");
  });

  it("answers a body that is not JSON with -1 and a JSON non-object with 40010", async () => {
    expect((await call(page, { rawBody: "{not json" })).json).toMatchObject({ return_code: "-1" });
    expect((await call(page, { rawBody: "[1,2]" })).json).toMatchObject({ return_code: "40010" });
  });
});
