import { Writable } from "node:stream";

import { describe, expect, it } from "vitest";

import { loadConfig } from "../../src/server/config.js";
import { createLogger, scrubLogValue, scrubSecretsInText } from "../../src/server/logger.js";

function capturingLogger(env: Record<string, string>) {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString("utf8"));
      done();
    },
  });
  return { logger: createLogger(loadConfig(env), stream), lines };
}

describe("log redaction", () => {
  it("redacts credentials and buyer personal data by key, at any depth", () => {
    const scrubbed = scrubLogValue(
      {
        headers: {
          "router-authorization": "r",
          authorization: "Bearer x",
          "content-type": "application/json",
        },
        body: { appSecret: "s", access_token: "t", sign: "ABC", nonce: "n1", orderscope: 0 },
        order: {
          address_info: { user_name: "陈先生", tel_number: "24534252", province_name: "广东" },
          openid: "oDNt",
        },
        items: [{ nickname: "布丁", title: "健身环" }],
        tokenMode: "stable",
      },
      { stacks: false },
    );
    expect(scrubbed).toEqual({
      headers: {
        "router-authorization": "[REDACTED]",
        authorization: "[REDACTED]",
        "content-type": "application/json",
      },
      body: {
        appSecret: "[REDACTED]",
        access_token: "[REDACTED]",
        sign: "[REDACTED]",
        nonce: "n1",
        orderscope: 0,
      },
      order: {
        address_info: { user_name: "[REDACTED]", tel_number: "[REDACTED]", province_name: "广东" },
        openid: "[REDACTED]",
      },
      items: [{ nickname: "[REDACTED]", title: "健身环" }],
      tokenMode: "stable",
    });
  });

  it("redacts tokens written inline and the configured secrets verbatim", () => {
    const line =
      "GET /product/order/get_list?access_token=ACCESS123&page=1 sign=DEADBEEF Bearer abc.def the-secret-1 ok";
    expect(scrubSecretsInText(line, ["the-secret-1"])).toBe(
      "GET /product/order/get_list?access_token=[REDACTED]&page=1 sign=[REDACTED] Bearer [REDACTED] [REDACTED] ok",
    );
  });

  it("writes JSON lines without secrets, and without stack traces in production", () => {
    const secret = "wechat-secret-in-config-9";
    const { logger, lines } = capturingLogger({
      NODE_ENV: "production",
      CURSOR_SECRET: "k".repeat(40),
      WECHAT_APPID: "wx1",
      WECHAT_SECRET: secret,
      LOG_LEVEL: "info",
    });
    const error = new Error(`upstream said no to https://api.weixin.qq.com/cgi-bin/token?secret=${secret}`);
    logger.error(
      { err: error, request: { headers: { "router-authorization": "xyz" } } },
      `failed with ${secret}`,
    );
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(entry).toMatchObject({
      level: 50,
      msg: "failed with [REDACTED]",
      request: { headers: { "router-authorization": "[REDACTED]" } },
    });
    expect(entry.err).toEqual({
      type: "Error",
      message: "upstream said no to https://api.weixin.qq.com/cgi-bin/token?secret=[REDACTED]",
    });
    expect(lines[0]).not.toContain(secret);
  });

  it("keeps stack traces outside production", () => {
    const { logger, lines } = capturingLogger({ NODE_ENV: "test" });
    logger.warn({ err: new Error("boom") }, "oops");
    expect((JSON.parse(lines[0]!) as { err: { stack: string } }).err.stack).toContain("Error: boom");
  });
});
