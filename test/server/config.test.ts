import { describe, expect, it } from "vitest";

import { ConfigError, loadConfig } from "../../src/server/config.js";
import { loadSimulatorSettings, SIMULATOR_DEFAULTS } from "../../src/simulators/settings.js";

const WECHAT = { WECHAT_APPID: "wx1234567890abcdef", WECHAT_SECRET: "wechat-secret-value-1" };
const WX12315 = { WX12315_APP_ID: "app-12315", WX12315_APP_SECRET: "wx12315-secret-value-1" };
const CURSOR_SECRET = "c".repeat(32);

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error("expected loadConfig to reject the environment");
}

describe("loadConfig", () => {
  it("runs in demo mode with development defaults when nothing is configured", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: "development",
      isProduction: false,
      port: 4000,
      demoMode: true,
      log: { level: "info", format: "pretty" },
      personalData: { masking: true, scopeHeader: "x-orders-scopes", requiresScopes: false },
      introspection: true,
      landingPage: true,
      corsOrigins: ["https://studio.apollographql.com"],
      defaultWindowDays: 30,
    });
    expect(config.wechat).toBeUndefined();
    expect(config.weixin12315).toBeUndefined();
    expect(config.simulators).toEqual({
      wechat: {
        appid: SIMULATOR_DEFAULTS.SIM_WECHAT_APPID,
        secret: SIMULATOR_DEFAULTS.SIM_WECHAT_SECRET,
        port: 4101,
      },
      weixin12315: {
        appId: SIMULATOR_DEFAULTS.SIM_WX12315_APP_ID,
        appSecret: SIMULATOR_DEFAULTS.SIM_WX12315_APP_SECRET,
        port: 4102,
      },
    });
    expect(config.warnings.join("\n")).toContain("CURSOR_SECRET is not set");
  });

  it("configures either source alone, with the real hosts by default", () => {
    const wechatOnly = loadConfig(WECHAT);
    expect(wechatOnly.demoMode).toBe(false);
    expect(wechatOnly.wechat).toEqual({
      apiBase: "https://api.weixin.qq.com",
      tokenMode: "stable",
      appId: WECHAT.WECHAT_APPID,
      secret: WECHAT.WECHAT_SECRET,
    });
    expect(wechatOnly.weixin12315).toBeUndefined();

    const wx12315Only = loadConfig({ ...WX12315, WX12315_API_BASE: "http://127.0.0.1:4102/" });
    expect(wx12315Only.wechat).toBeUndefined();
    expect(wx12315Only.weixin12315).toMatchObject({ apiBase: "http://127.0.0.1:4102", appId: "app-12315" });
    expect(wx12315Only.weixin12315!.statusCodes).toEqual({
      PENDING_PAYMENT: 1,
      PENDING_SHIPMENT: 2,
      SHIPPED: 3,
      COMPLETED: 4,
      CANCELLED: 5,
      REFUND: 6,
    });
  });

  it("uses a static WeChat token when only WECHAT_ACCESS_TOKEN is given", () => {
    const config = loadConfig({ WECHAT_ACCESS_TOKEN: "static-token-value" });
    expect(config.wechat).toEqual({
      apiBase: "https://api.weixin.qq.com",
      tokenMode: "static",
      accessToken: "static-token-value",
    });
  });

  it("switches to production defaults with NODE_ENV=production", () => {
    const config = loadConfig({ NODE_ENV: "production", CURSOR_SECRET, ...WECHAT, ...WX12315 });
    expect(config).toMatchObject({
      isProduction: true,
      demoMode: false,
      log: { format: "json" },
      introspection: false,
      landingPage: false,
      corsOrigins: [],
      cursorSecret: CURSOR_SECRET,
    });
    expect(config.warnings.join("\n")).toContain("ROUTER_SECRET is not set");
    const explorable = loadConfig({
      NODE_ENV: "production",
      CURSOR_SECRET,
      ...WECHAT,
      INTROSPECTION: "on",
      LANDING_PAGE: "true",
    });
    expect(explorable).toMatchObject({ introspection: true, landingPage: true });
  });

  it("reads limits, masking, header, scope directive, CORS and status-code overrides", () => {
    const config = loadConfig({
      ...WX12315,
      MAX_QUERY_DEPTH: "7",
      MAX_QUERY_COST: "900",
      MAX_ALIASES: "3",
      MAX_BODY_BYTES: "2048",
      PII_MASKING: "off",
      PII_SCOPE_HEADER: "X-User-Scopes",
      PII_REQUIRES_SCOPES: "on",
      CORS_ORIGINS: "https://admin.example.com, https://studio.apollographql.com/",
      WX12315_STATUS_CODES: "REFUND=7, CANCELLED=9",
      UPSTREAM_TIMEOUT_MS: "2500",
    });
    expect(config.limits).toMatchObject({ maxDepth: 7, maxCost: 900, maxAliases: 3, maxBodyBytes: 2048 });
    expect(config.personalData).toEqual({
      masking: false,
      scopeHeader: "x-user-scopes",
      requiresScopes: true,
    });
    expect(config.corsOrigins).toEqual(["https://admin.example.com", "https://studio.apollographql.com"]);
    expect(config.weixin12315!.statusCodes).toMatchObject({ REFUND: 7, CANCELLED: 9, PENDING_PAYMENT: 1 });
    expect(config.upstream).toEqual({ headersTimeoutMs: 2500, bodyTimeoutMs: 2500 });
    expect(config.warnings.join("\n")).toContain("PII_MASKING is off");
  });

  it("reads the upstream call budgets and the readiness proof window (off / 2 s / 60 s by default)", () => {
    expect(loadConfig({})).toMatchObject({
      budget: { callsPerMinute: {}, maxWaitMs: 2000 },
      readyProofSeconds: 60,
    });
    expect(
      loadConfig({
        WECHAT_CALLS_PER_MINUTE: "600",
        WX12315_CALLS_PER_MINUTE: "120",
        UPSTREAM_BUDGET_WAIT_MS: "0",
        READY_PROOF_SECONDS: "0",
      }),
    ).toMatchObject({
      budget: { callsPerMinute: { MINI_STORE: 600, WEIXIN12315: 120 }, maxWaitMs: 0 },
      readyProofSeconds: 0,
    });
    expect(() => loadConfig({ WECHAT_CALLS_PER_MINUTE: "0", UPSTREAM_BUDGET_WAIT_MS: "soon" })).toThrow(
      /WECHAT_CALLS_PER_MINUTE[\s\S]*UPSTREAM_BUDGET_WAIT_MS/,
    );
  });

  it("reads the run from which graphql-jit executes a document (10 by default; at least 1)", () => {
    expect(loadConfig({}).graphqlJitFromRun).toBe(10);
    expect(loadConfig({ GRAPHQL_JIT_FROM_RUN: "1" }).graphqlJitFromRun).toBe(1);
    expect(() => loadConfig({ GRAPHQL_JIT_FROM_RUN: "0" })).toThrow(/GRAPHQL_JIT_FROM_RUN/);
  });

  it("treats blank values as unset", () => {
    expect(loadConfig({ PORT: "", WECHAT_APPID: " ", LOG_LEVEL: "" })).toMatchObject({
      port: 4000,
      demoMode: true,
    });
  });

  it("lists every problem at once in one message", () => {
    const env = {
      NODE_ENV: "production",
      PORT: "eighty",
      LOG_LEVEL: "loud",
      WECHAT_APPID: "wx-only-appid",
      WECHAT_API_BASE: "ftp://api.weixin.qq.com",
      WX12315_STATUS_CODES: "REFUND=1",
      PII_MASKING: "maybe",
      ROUTER_SECRET: "short",
      MAX_QUERY_DEPTH: "0",
      CORS_ORIGINS: "not an origin",
    };
    const problems = problemsOf(env);
    expect(problems).toEqual(
      expect.arrayContaining([
        'PORT: must be a whole number from 0 to 65535 (got "eighty")',
        'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
        'WECHAT_API_BASE: must be an http(s) URL (got "ftp://api.weixin.qq.com")',
        expect.stringMatching(
          /^WX12315_STATUS_CODES: must be comma-separated NAME=code pairs.*codes distinct/,
        ),
        'PII_MASKING: must be on/off (or true/false) (got "maybe")',
        "ROUTER_SECRET: must be at least 16 characters",
        'MAX_QUERY_DEPTH: must be a whole number from 2 to 100 (got "0")',
        expect.stringMatching(/^CORS_ORIGINS: must be a comma-separated list of origins/),
        "WECHAT_SECRET: required when WECHAT_APPID is set (they go together)",
        "CURSOR_SECRET: required in production (at least 32 random characters)",
      ]),
    );
    expect(problems).toHaveLength(10);
    try {
      loadConfig(env);
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/^Invalid configuration \(10 problems\):\n {2}- /);
      for (const problem of problems) expect(message).toContain(`  - ${problem}`);
      // A bad secret is reported, never echoed.
      expect(message).not.toContain('"short"');
    }
  });

  it("refuses production without credentials unless demo mode is asked for", () => {
    expect(problemsOf({ NODE_ENV: "production", CURSOR_SECRET })).toEqual([
      "WECHAT_*/WX12315_*: no upstream credentials in production; set them, or DEMO_MODE=on to serve the in-process simulators",
    ]);
    expect(loadConfig({ NODE_ENV: "production", CURSOR_SECRET, DEMO_MODE: "on" })).toMatchObject({
      demoMode: true,
      introspection: true,
      landingPage: true,
    });
  });

  it("checks token modes against the credentials they need", () => {
    expect(problemsOf({ WECHAT_TOKEN_MODE: "static" })).toEqual([
      "WECHAT_ACCESS_TOKEN: required when WECHAT_TOKEN_MODE is static",
    ]);
    expect(problemsOf({ WECHAT_TOKEN_MODE: "classic", WECHAT_ACCESS_TOKEN: "t0ken-value" })).toEqual([
      "WECHAT_APPID/WECHAT_SECRET: required when WECHAT_TOKEN_MODE is classic",
    ]);
    expect(problemsOf({ DEMO_MODE: "off" })).toEqual([
      expect.stringMatching(/^DEMO_MODE: is off but no upstream credentials/),
    ]);
  });

  it("serves metrics only on a METRICS_PORT of their own", () => {
    expect(loadConfig({}).metricsPort).toBeUndefined();
    expect(loadConfig({ METRICS_PORT: "9464" }).metricsPort).toBe(9464);
    expect(problemsOf({ METRICS_PORT: "4000" })).toEqual([
      "METRICS_PORT: must differ from PORT (metrics are never served on the GraphQL port)",
    ]);
    expect(problemsOf({ PORT: "8080", METRICS_PORT: "8080" })).toHaveLength(1);
    expect(loadConfig({ PORT: "0", METRICS_PORT: "0" }).metricsPort).toBe(0);
  });
});

describe("loadSimulatorSettings", () => {
  it("reads ports, credentials, seed and size", () => {
    expect(
      loadSimulatorSettings({
        WECHAT_SIM_PORT: "5101",
        SIM_WX12315_APP_SECRET: "other-secret",
        SIM_SEED: "9",
        SIM_ORDER_COUNT: "50",
      }),
    ).toEqual({
      seed: 9,
      orderCount: 50,
      wechat: {
        appid: SIMULATOR_DEFAULTS.SIM_WECHAT_APPID,
        secret: SIMULATOR_DEFAULTS.SIM_WECHAT_SECRET,
        port: 5101,
      },
      weixin12315: { appId: SIMULATOR_DEFAULTS.SIM_WX12315_APP_ID, appSecret: "other-secret", port: 4102 },
    });
    expect(() => loadSimulatorSettings({ WX12315_SIM_PORT: "99999" })).toThrow(
      /WX12315_SIM_PORT: must be a whole number/,
    );
  });
});
