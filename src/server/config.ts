// The one place that reads the environment. Every variable is validated up front; a bad or missing
// value stops start-up with one message that lists every problem, not just the first.
import { z } from "zod";

import type { UpstreamHttpTuning } from "../datasources/http/tuning.js";
import type { AdmissionLimits } from "./admission.js";
import {
  weixin12315StatusCodes,
  WEIXIN12315_STATUS_TABLE,
  type Weixin12315StatusCodes,
} from "../datasources/weixin12315/status.js";
import type { Weixin12315OrderStatus } from "../schema/enums/weixin12315-order-status.enum.js";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type WechatTokenMode = "stable" | "classic" | "static";

export const DEFAULT_WECHAT_API_BASE = "https://api.weixin.qq.com";
export const DEFAULT_WX12315_API_BASE = "https://openapi.weixin12315.com";
const DEV_CURSOR_SECRET = "weixin-orders-subgraph/development-only-cursor-secret";
const STUDIO_ORIGIN = "https://studio.apollographql.com";

export interface WechatSourceConfig {
  apiBase: string;
  tokenMode: WechatTokenMode;
  appId?: string;
  secret?: string;
  /** The static token of `tokenMode: "static"`. */
  accessToken?: string;
}

export interface Weixin12315SourceConfig {
  apiBase: string;
  appId: string;
  appSecret: string;
  /** `orderstatus` request codes (documented order 1..6 unless `WX12315_STATUS_CODES` overrides). */
  statusCodes: Weixin12315StatusCodes;
}

/** Credentials and ports of the simulators (`npm run simulators`, and demo mode with ephemeral ports). */
export interface SimulatorSettings {
  /** Seed and size of the generated order books (simulator defaults when unset). */
  seed?: number;
  orderCount?: number;
  wechat: { appid: string; secret: string; port: number };
  weixin12315: { appId: string; appSecret: string; port: number };
}

export interface Limits {
  /** Deepest field nesting of an operation (introspection fields excluded). */
  maxDepth: number;
  /** Estimated cost; connection fields multiply their selection by `first`/`last`. */
  maxCost: number;
  maxAliases: number;
  maxBodyBytes: number;
  /** Parser token limit: stops oversized documents before validation. */
  maxTokens: number;
  /** Longest string accepted in an argument or variable. */
  maxStringLength: number;
}

export interface Config {
  nodeEnv: "development" | "production" | "test";
  isProduction: boolean;
  host: string;
  port: number;
  /** `METRICS_PORT`: Prometheus `/metrics` on this port (same host); no metrics endpoint when unset. */
  metricsPort?: number;
  log: { level: LogLevel; format: "json" | "pretty" };
  /** No upstream credentials: main.ts starts the simulators in-process and points the sources at them. */
  demoMode: boolean;
  /** Undefined when the source is not configured (each source may be configured alone). */
  wechat?: WechatSourceConfig;
  weixin12315?: Weixin12315SourceConfig;
  redisUrl?: string;
  cursorSecret: string;
  routerSecret?: string;
  personalData: {
    /** Off only when the deployment says so explicitly (`PII_MASKING=off`). */
    masking: boolean;
    /** Lower-case header (forwarded by the router) whose scopes may include `orders:pii`. */
    scopeHeader: string;
    /** `PII_REQUIRES_SCOPES=on`: the SDL asks the router to enforce the scope too (`@requiresScopes`). */
    requiresScopes: boolean;
  };
  limits: Limits;
  corsOrigins: string[];
  introspection: boolean;
  landingPage: boolean;
  /** Window of `orders` (and the per-source fields) when the filter gives none. */
  defaultWindowDays: number;
  /** HTTP tuning for both sources; unset fields keep the datasource defaults. */
  upstream: UpstreamHttpTuning;
  /** GraphQL operations executing at once, and waiting for a slot (beyond: 503 SERVICE_OVERLOADED). */
  admission: AdmissionLimits;
  /** `UPSTREAM_MAX_PAGE_SIZE`: caps the page size of upstream list calls (default: each API's maximum). */
  upstreamMaxPageSize?: number;
  shutdownTimeoutMs: number;
  simulators: SimulatorSettings;
  /** Things that are allowed but worth a line in the log at start-up. */
  warnings: string[];
}

/** Start-up refused: `problems` holds one line per bad or missing variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
    this.name = "ConfigError";
  }
}

type Env = Record<string, string | undefined>;

/** A variable parsed from text; `describe` says what was expected. Secret values are never echoed. */
function variable<T>(
  describe: string,
  parse: (text: string) => T | undefined,
  options: { secret?: boolean } = {},
) {
  return z
    .string()
    .transform((text, ctx) => {
      const value = parse(text);
      if (value === undefined) {
        ctx.addIssue({
          code: "custom",
          message: `must be ${describe}${options.secret ? "" : ` (got ${JSON.stringify(text)})`}`,
        });
        return z.NEVER;
      }
      return value;
    })
    .optional();
}

const integer = (min: number, max: number) =>
  variable(`a whole number from ${min} to ${max}`, (text) => {
    if (!/^\d+$/.test(text)) return undefined;
    const n = Number(text);
    return n >= min && n <= max ? n : undefined;
  });

const BOOLEAN_WORDS: Record<string, boolean> = {
  true: true,
  on: true,
  yes: true,
  "1": true,
  false: false,
  off: false,
  no: false,
  "0": false,
};
const boolean = () => variable("on/off (or true/false)", (text) => BOOLEAN_WORDS[text.toLowerCase()]);

const oneOf = <const T extends readonly string[]>(values: T) =>
  variable(`one of ${values.join(", ")}`, (text): T[number] | undefined =>
    values.find((v) => v === text.toLowerCase()),
  );

const httpUrl = () =>
  variable("an http(s) URL", (text) => {
    const url = URL.canParse(text) ? new URL(text) : undefined;
    return url && (url.protocol === "http:" || url.protocol === "https:")
      ? text.replace(/\/+$/, "")
      : undefined;
  });

const secret = (minLength: number) =>
  variable(`at least ${minLength} characters`, (text) => (text.length >= minLength ? text : undefined), {
    secret: true,
  });

const credential = () => variable("non-empty", (text) => text, { secret: true });

const ORIGIN = /^https?:\/\/[^/\s]+$/;
const origins = () =>
  variable("a comma-separated list of origins like https://studio.apollographql.com", (text) => {
    const list = text
      .split(",")
      .map((o) => o.trim().replace(/\/$/, ""))
      .filter(Boolean);
    return list.every((o) => ORIGIN.test(o)) ? list : undefined;
  });

// RFC 9110 token characters; stored lower-case because Node lower-cases incoming header names.
const headerName = () =>
  variable("an HTTP header name", (text) =>
    /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(text) ? text.toLowerCase() : undefined,
  );

const STATUS_NAMES = Object.keys(WEIXIN12315_STATUS_TABLE);
const statusCodeOverrides = () =>
  variable(
    `comma-separated NAME=code pairs, NAME one of ${STATUS_NAMES.join(", ")}, codes distinct`,
    (text) => {
      const overrides: Partial<Record<Weixin12315OrderStatus, number>> = {};
      for (const pair of text
        .split(",")
        .map((p) => p.trim())
        .filter(Boolean)) {
        const match = /^([A-Z_]+)\s*=\s*(-?\d+)$/.exec(pair);
        if (!match || !STATUS_NAMES.includes(match[1]!)) return undefined;
        overrides[match[1] as Weixin12315OrderStatus] = Number(match[2]);
      }
      try {
        return weixin12315StatusCodes(overrides);
      } catch {
        return undefined;
      }
    },
  );

const envSchema = z.object({
  NODE_ENV: oneOf(["development", "production", "test"] as const),
  HOST: variable("a host name or IP address", (text) => (/^[\w.:-]+$/.test(text) ? text : undefined)),
  PORT: integer(0, 65535),
  METRICS_PORT: integer(0, 65535),
  LOG_LEVEL: oneOf(LOG_LEVELS),
  LOG_FORMAT: oneOf(["json", "pretty"] as const),
  DEMO_MODE: boolean(),
  WECHAT_APPID: credential(),
  WECHAT_SECRET: credential(),
  WECHAT_ACCESS_TOKEN: credential(),
  WECHAT_TOKEN_MODE: oneOf(["stable", "classic", "static"] as const),
  WECHAT_API_BASE: httpUrl(),
  WX12315_APP_ID: credential(),
  WX12315_APP_SECRET: credential(),
  WX12315_API_BASE: httpUrl(),
  WX12315_STATUS_CODES: statusCodeOverrides(),
  REDIS_URL: variable(
    "a redis:// or rediss:// URL",
    (text) => (/^rediss?:\/\/\S+$/.test(text) ? text : undefined),
    { secret: true },
  ),
  CURSOR_SECRET: secret(32),
  ROUTER_SECRET: secret(16),
  PII_SCOPE_HEADER: headerName(),
  PII_MASKING: boolean(),
  PII_REQUIRES_SCOPES: boolean(),
  MAX_QUERY_DEPTH: integer(2, 100),
  MAX_QUERY_COST: integer(10, 10_000_000),
  MAX_ALIASES: integer(0, 1000),
  MAX_BODY_BYTES: integer(1024, 50 * 1024 * 1024),
  MAX_QUERY_TOKENS: integer(100, 1_000_000),
  MAX_STRING_LENGTH: integer(16, 1_000_000),
  CORS_ORIGINS: origins(),
  INTROSPECTION: boolean(),
  LANDING_PAGE: boolean(),
  DEFAULT_WINDOW_DAYS: integer(1, 3650),
  UPSTREAM_TIMEOUT_MS: integer(100, 120_000),
  UPSTREAM_CONCURRENCY: integer(1, 1000),
  UPSTREAM_QUEUE_LIMIT: integer(0, 1_000_000),
  MAX_CONCURRENT_OPERATIONS: integer(1, 10_000),
  MAX_QUEUED_OPERATIONS: integer(0, 1_000_000),
  UPSTREAM_MAX_PAGE_SIZE: integer(1, 10_000),
  SHUTDOWN_TIMEOUT_MS: integer(100, 600_000),
  SIM_WECHAT_APPID: credential(),
  SIM_WECHAT_SECRET: credential(),
  SIM_WX12315_APP_ID: credential(),
  SIM_WX12315_APP_SECRET: credential(),
  WECHAT_SIM_PORT: integer(0, 65535),
  WX12315_SIM_PORT: integer(0, 65535),
  SIM_SEED: integer(0, 2 ** 31 - 1),
  SIM_ORDER_COUNT: integer(0, 1_000_000),
});

type ParsedEnv = z.infer<typeof envSchema>;

/** Demo credentials of the simulators (documented in .env.example; not secrets of anything real). */
export const SIMULATOR_DEFAULTS = {
  SIM_WECHAT_APPID: "wxd3m0000000000001",
  SIM_WECHAT_SECRET: "demo-wechat-secret",
  SIM_WX12315_APP_ID: "demo12315app",
  SIM_WX12315_APP_SECRET: "demo-12315-secret",
  WECHAT_SIM_PORT: 4101,
  WX12315_SIM_PORT: 4102,
} as const;

/** Blank values (`FOO=` in a .env file) mean "unset". */
function present(env: Env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = env[key]?.trim();
    if (value) out[key] = value;
  }
  return out;
}

/** Problems that involve more than one variable; checked on presence so they show up with the rest. */
function crossChecks(raw: Record<string, string>, production: boolean, demo: boolean | undefined): string[] {
  const problems: string[] = [];
  const has = (key: string) => raw[key] !== undefined;
  const pair = (a: string, b: string) => {
    if (has(a) !== has(b))
      problems.push(`${has(a) ? b : a}: required when ${has(a) ? a : b} is set (they go together)`);
  };
  pair("WECHAT_APPID", "WECHAT_SECRET");
  pair("WX12315_APP_ID", "WX12315_APP_SECRET");
  const metricsPort = Number(raw.METRICS_PORT ?? 0);
  if (metricsPort !== 0 && metricsPort === Number(raw.PORT ?? 4000)) {
    problems.push("METRICS_PORT: must differ from PORT (metrics are never served on the GraphQL port)");
  }

  const mode = raw.WECHAT_TOKEN_MODE?.toLowerCase();
  if (mode === "static" && !has("WECHAT_ACCESS_TOKEN")) {
    problems.push("WECHAT_ACCESS_TOKEN: required when WECHAT_TOKEN_MODE is static");
  }
  if ((mode === "stable" || mode === "classic") && !(has("WECHAT_APPID") && has("WECHAT_SECRET"))) {
    problems.push(`WECHAT_APPID/WECHAT_SECRET: required when WECHAT_TOKEN_MODE is ${mode}`);
  }

  const anyCredentials = [
    "WECHAT_APPID",
    "WECHAT_SECRET",
    "WECHAT_ACCESS_TOKEN",
    "WX12315_APP_ID",
    "WX12315_APP_SECRET",
  ].some(has);
  if (!anyCredentials && demo === false) {
    problems.push(
      "DEMO_MODE: is off but no upstream credentials are set (WECHAT_APPID/WECHAT_SECRET, WECHAT_ACCESS_TOKEN, WX12315_APP_ID/WX12315_APP_SECRET)",
    );
  }
  if (production) {
    if (!has("CURSOR_SECRET"))
      problems.push("CURSOR_SECRET: required in production (at least 32 random characters)");
    if (!anyCredentials && demo === undefined) {
      problems.push(
        "WECHAT_*/WX12315_*: no upstream credentials in production; set them, or DEMO_MODE=on to serve the in-process simulators",
      );
    }
  }
  return problems;
}

function wechatSource(env: ParsedEnv, warnings: string[]): WechatSourceConfig | undefined {
  const hasKeys = env.WECHAT_APPID !== undefined && env.WECHAT_SECRET !== undefined;
  if (!hasKeys && env.WECHAT_ACCESS_TOKEN === undefined) return undefined;
  const tokenMode = env.WECHAT_TOKEN_MODE ?? (hasKeys ? "stable" : "static");
  if (tokenMode !== "static" && env.WECHAT_ACCESS_TOKEN !== undefined) {
    warnings.push(`WECHAT_ACCESS_TOKEN is ignored: WECHAT_TOKEN_MODE is ${tokenMode}`);
  }
  return {
    apiBase: env.WECHAT_API_BASE ?? DEFAULT_WECHAT_API_BASE,
    tokenMode,
    ...(tokenMode === "static"
      ? { accessToken: env.WECHAT_ACCESS_TOKEN }
      : { appId: env.WECHAT_APPID, secret: env.WECHAT_SECRET }),
  };
}

function weixin12315Source(env: ParsedEnv): Weixin12315SourceConfig | undefined {
  if (env.WX12315_APP_ID === undefined || env.WX12315_APP_SECRET === undefined) return undefined;
  return {
    apiBase: env.WX12315_API_BASE ?? DEFAULT_WX12315_API_BASE,
    appId: env.WX12315_APP_ID,
    appSecret: env.WX12315_APP_SECRET,
    statusCodes: env.WX12315_STATUS_CODES ?? weixin12315StatusCodes(),
  };
}

/** Simulator credentials and ports; `npm run simulators` needs only these. */
export function loadSimulatorSettings(env: Env): SimulatorSettings {
  const parsed = envSchema
    .pick({
      SIM_WECHAT_APPID: true,
      SIM_WECHAT_SECRET: true,
      SIM_WX12315_APP_ID: true,
      SIM_WX12315_APP_SECRET: true,
      WECHAT_SIM_PORT: true,
      WX12315_SIM_PORT: true,
      SIM_SEED: true,
      SIM_ORDER_COUNT: true,
    })
    .safeParse(present(env));
  if (!parsed.success) throw new ConfigError(issuesOf(parsed.error));
  return simulatorSettings(parsed.data);
}

function simulatorSettings(env: Partial<ParsedEnv>): SimulatorSettings {
  return {
    ...(env.SIM_SEED !== undefined ? { seed: env.SIM_SEED } : {}),
    ...(env.SIM_ORDER_COUNT !== undefined ? { orderCount: env.SIM_ORDER_COUNT } : {}),
    wechat: {
      appid: env.SIM_WECHAT_APPID ?? SIMULATOR_DEFAULTS.SIM_WECHAT_APPID,
      secret: env.SIM_WECHAT_SECRET ?? SIMULATOR_DEFAULTS.SIM_WECHAT_SECRET,
      port: env.WECHAT_SIM_PORT ?? SIMULATOR_DEFAULTS.WECHAT_SIM_PORT,
    },
    weixin12315: {
      appId: env.SIM_WX12315_APP_ID ?? SIMULATOR_DEFAULTS.SIM_WX12315_APP_ID,
      appSecret: env.SIM_WX12315_APP_SECRET ?? SIMULATOR_DEFAULTS.SIM_WX12315_APP_SECRET,
      port: env.WX12315_SIM_PORT ?? SIMULATOR_DEFAULTS.WX12315_SIM_PORT,
    },
  };
}

function issuesOf(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

/**
 * Reads and validates the environment (pure: pass `process.env` or a test's own object).
 * Throws `ConfigError` listing every problem at once.
 */
export function loadConfig(env: Env): Config {
  const raw = present(env);
  const parsed = envSchema.safeParse(raw);
  const nodeEnv = parsed.success
    ? (parsed.data.NODE_ENV ?? "development")
    : raw.NODE_ENV === "production"
      ? "production"
      : "development";
  const production = nodeEnv === "production";
  const demoFlag = parsed.success ? parsed.data.DEMO_MODE : undefined;
  const problems = [
    ...(parsed.success ? [] : issuesOf(parsed.error)),
    ...crossChecks(raw, production, demoFlag),
  ];
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  const e = parsed.data;

  const warnings: string[] = [];
  let wechat = wechatSource(e, warnings);
  let weixin12315 = weixin12315Source(e);
  const demoMode = e.DEMO_MODE ?? (wechat === undefined && weixin12315 === undefined);
  if (demoMode && (wechat || weixin12315)) {
    warnings.push("DEMO_MODE is on: the configured upstream credentials are ignored");
    wechat = undefined;
    weixin12315 = undefined;
  }
  if (e.CURSOR_SECRET === undefined) {
    warnings.push(
      "CURSOR_SECRET is not set: using a fixed development key, so cursors can be forged; set it outside development",
    );
  }
  if (production && e.ROUTER_SECRET === undefined) {
    warnings.push(
      "ROUTER_SECRET is not set: /graphql accepts requests from anyone who can reach it, not only the router",
    );
  }
  if (e.PII_MASKING === false)
    warnings.push("PII_MASKING is off: buyer personal data is served unmasked to every caller");

  // Sandbox needs introspection; both follow "development or demo" unless set explicitly.
  const explorable = !production || demoMode;
  return {
    nodeEnv,
    isProduction: production,
    host: e.HOST ?? "0.0.0.0",
    port: e.PORT ?? 4000,
    ...(e.METRICS_PORT !== undefined ? { metricsPort: e.METRICS_PORT } : {}),
    log: {
      level: e.LOG_LEVEL ?? "info",
      format: e.LOG_FORMAT ?? (nodeEnv === "development" ? "pretty" : "json"),
    },
    demoMode,
    ...(wechat ? { wechat } : {}),
    ...(weixin12315 ? { weixin12315 } : {}),
    ...(e.REDIS_URL ? { redisUrl: e.REDIS_URL } : {}),
    cursorSecret: e.CURSOR_SECRET ?? DEV_CURSOR_SECRET,
    ...(e.ROUTER_SECRET ? { routerSecret: e.ROUTER_SECRET } : {}),
    personalData: {
      masking: e.PII_MASKING ?? true,
      scopeHeader: e.PII_SCOPE_HEADER ?? "x-orders-scopes",
      requiresScopes: e.PII_REQUIRES_SCOPES ?? false,
    },
    limits: {
      maxDepth: e.MAX_QUERY_DEPTH ?? 10,
      maxCost: e.MAX_QUERY_COST ?? 50_000,
      maxAliases: e.MAX_ALIASES ?? 20,
      maxBodyBytes: e.MAX_BODY_BYTES ?? 256 * 1024,
      maxTokens: e.MAX_QUERY_TOKENS ?? 10_000,
      maxStringLength: e.MAX_STRING_LENGTH ?? 4096,
    },
    corsOrigins: e.CORS_ORIGINS ?? (production ? [] : [STUDIO_ORIGIN]),
    introspection: e.INTROSPECTION ?? explorable,
    landingPage: e.LANDING_PAGE ?? explorable,
    defaultWindowDays: e.DEFAULT_WINDOW_DAYS ?? 30,
    upstream: {
      ...(e.UPSTREAM_TIMEOUT_MS
        ? { headersTimeoutMs: e.UPSTREAM_TIMEOUT_MS, bodyTimeoutMs: e.UPSTREAM_TIMEOUT_MS }
        : {}),
      ...(e.UPSTREAM_CONCURRENCY ? { concurrency: e.UPSTREAM_CONCURRENCY } : {}),
      ...(e.UPSTREAM_QUEUE_LIMIT !== undefined ? { queueLimit: e.UPSTREAM_QUEUE_LIMIT } : {}),
    },
    admission: {
      concurrent: e.MAX_CONCURRENT_OPERATIONS ?? 16,
      queued: e.MAX_QUEUED_OPERATIONS ?? 1000,
    },
    ...(e.UPSTREAM_MAX_PAGE_SIZE ? { upstreamMaxPageSize: e.UPSTREAM_MAX_PAGE_SIZE } : {}),
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS ?? 10_000,
    simulators: simulatorSettings(e),
    warnings,
  };
}
