// The one place that reads the environment. Every variable is validated up front; a bad or missing
// value stops start-up with one message that lists every problem, not just the first.
import { z } from "zod";

import type { UpstreamHttpTuning } from "../datasources/http/tuning.js";
import type { UpstreamBudgetOptions } from "../datasources/index.js";
import type { WechatTokenMode } from "../datasources/wechat/auth.js";
import { WECHAT_API_BASE_DEFAULT } from "../datasources/wechat/client.js";
import { WX12315_API_BASE_DEFAULT } from "../datasources/weixin12315/client.js";
import {
  weixin12315StatusCodes,
  WEIXIN12315_STATUS_TABLE,
  type Weixin12315StatusCodes,
  type Weixin12315StatusKey,
} from "../datasources/weixin12315/status.js";
import {
  boolean,
  ConfigError,
  credential,
  headerName,
  httpUrl,
  integer,
  issuesOf,
  oneOf,
  origins,
  present,
  secret,
  variable,
  type Env,
} from "../shared/env-variables.js";
import { simulatorEnvShape, simulatorSettings, type SimulatorSettings } from "../simulators/settings.js";
import { crossChecks } from "./config-checks.js";
import { configWarnings } from "./config-warnings.js";

export { ConfigError } from "../shared/env-variables.js";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
type LogLevel = (typeof LOG_LEVELS)[number];

const DEV_CURSOR_SECRET = "weixin-orders-subgraph/development-only-cursor-secret";
const STUDIO_ORIGIN = "https://studio.apollographql.com";

interface WechatSourceConfig {
  apiBase: string;
  tokenMode: WechatTokenMode;
  appId?: string;
  secret?: string;
  /** The static token of `tokenMode: "static"`. */
  accessToken?: string;
}

interface Weixin12315SourceConfig {
  apiBase: string;
  appId: string;
  appSecret: string;
  /** `orderstatus` request codes (documented order 1..6 unless `WX12315_STATUS_CODES` overrides). */
  statusCodes: Weixin12315StatusCodes;
}

export interface AdmissionLimits {
  /** Operations executing at once. */
  concurrent: number;
  /** Operations allowed to wait for a slot; beyond that the request is refused with 503. */
  queued: number;
  /** Time budget of one operation: one that cannot start in time to finish within it is refused (503). */
  deadlineMs: number;
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
  /** Representations one operation may pass to `_entities` (each can be an upstream call). */
  maxEntityRepresentations: number;
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
  /** Fleet-wide upstream calls per minute (shared through Redis when set); an absent source has no limit. */
  budget: UpstreamBudgetOptions;
  /** `/ready` probes a source only when no call proved it healthy within this many seconds. */
  readyProofSeconds: number;
  /** The run of a document from which graphql-jit executes it (earlier runs: graphql-js). */
  graphqlJitFromRun: number;
  /**
   * The upstream read cache (`UPSTREAM_CACHE_TTL_SECONDS`, 0 = off; `UPSTREAM_CACHE_MAX_BYTES`, the
   * in-process bound; `UPSTREAM_BLOCK_SIZE`, rows per block read; in Redis when `REDIS_URL` is set,
   * under `UPSTREAM_CACHE_KEY_PREFIX`).
   */
  upstreamCache: { ttlSeconds: number; maxBytes: number; blockSize: number; keyPrefix: string };
  shutdownTimeoutMs: number;
  simulators: SimulatorSettings;
  /** Things that are allowed but worth a line in the log at start-up. */
  warnings: string[];
}

const STATUS_NAMES = Object.keys(WEIXIN12315_STATUS_TABLE);
const statusCodeOverrides = () =>
  variable(
    `comma-separated NAME=code pairs, NAME one of ${STATUS_NAMES.join(", ")}, codes distinct`,
    (text) => {
      const overrides: Partial<Record<Weixin12315StatusKey, number>> = {};
      for (const pair of text
        .split(",")
        .map((p) => p.trim())
        .filter(Boolean)) {
        const match = /^([A-Z_]+)\s*=\s*(-?\d+)$/.exec(pair);
        if (!match || !STATUS_NAMES.includes(match[1]!)) return undefined;
        overrides[match[1] as Weixin12315StatusKey] = Number(match[2]);
      }
      try {
        return weixin12315StatusCodes(overrides);
      } catch {
        return undefined;
      }
    },
  );

/**
 * Every variable: how its text is parsed and, where it does not depend on another variable, its
 * default. Defaults that do (log format, CORS, introspection, token mode, demo mode) are derived
 * in \`loadConfig\`.
 */
const envSchema = z.object({
  NODE_ENV: oneOf(["development", "production", "test"] as const).default("development"),
  HOST: variable("a host name or IP address", (text) => (/^[\w.:-]+$/.test(text) ? text : undefined)).default(
    "0.0.0.0",
  ),
  PORT: integer(0, 65535).default(4000),
  METRICS_PORT: integer(0, 65535),
  LOG_LEVEL: oneOf(LOG_LEVELS).default("info"),
  LOG_FORMAT: oneOf(["json", "pretty"] as const),
  DEMO_MODE: boolean(),
  WECHAT_APPID: credential(),
  WECHAT_SECRET: credential(),
  WECHAT_ACCESS_TOKEN: credential(),
  WECHAT_TOKEN_MODE: oneOf(["stable", "classic", "static"] as const),
  WECHAT_API_BASE: httpUrl().default(WECHAT_API_BASE_DEFAULT),
  WX12315_APP_ID: credential(),
  WX12315_APP_SECRET: credential(),
  WX12315_API_BASE: httpUrl().default(WX12315_API_BASE_DEFAULT),
  WX12315_STATUS_CODES: statusCodeOverrides().default(() => weixin12315StatusCodes()),
  REDIS_URL: variable(
    "a redis:// or rediss:// URL",
    (text) => (/^rediss?:\/\/\S+$/.test(text) ? text : undefined),
    { secret: true },
  ),
  CURSOR_SECRET: secret(32).default(DEV_CURSOR_SECRET),
  ROUTER_SECRET: secret(16),
  PII_SCOPE_HEADER: headerName().default("x-orders-scopes"),
  PII_MASKING: boolean().default(true),
  PII_REQUIRES_SCOPES: boolean().default(false),
  MAX_QUERY_DEPTH: integer(2, 100).default(10),
  MAX_QUERY_COST: integer(10, 10_000_000).default(50_000),
  MAX_ALIASES: integer(0, 1000).default(20),
  MAX_BODY_BYTES: integer(1024, 50 * 1024 * 1024).default(256 * 1024),
  MAX_QUERY_TOKENS: integer(100, 1_000_000).default(10_000),
  MAX_STRING_LENGTH: integer(16, 1_000_000).default(4096),
  MAX_ENTITY_REPRESENTATIONS: integer(1, 100_000).default(500),
  CORS_ORIGINS: origins(),
  INTROSPECTION: boolean(),
  LANDING_PAGE: boolean(),
  DEFAULT_WINDOW_DAYS: integer(1, 3650).default(30),
  UPSTREAM_TIMEOUT_MS: integer(100, 120_000),
  UPSTREAM_CONCURRENCY: integer(1, 1000),
  UPSTREAM_QUEUE_LIMIT: integer(0, 1_000_000),
  MAX_CONCURRENT_OPERATIONS: integer(1, 10_000).default(16),
  MAX_QUEUED_OPERATIONS: integer(0, 1_000_000).default(1000),
  OPERATION_DEADLINE_MS: integer(100, 600_000).default(10_000),
  UPSTREAM_MAX_PAGE_SIZE: integer(1, 10_000),
  WECHAT_CALLS_PER_MINUTE: integer(1, 10_000_000),
  WX12315_CALLS_PER_MINUTE: integer(1, 10_000_000),
  UPSTREAM_BUDGET_WAIT_MS: integer(0, 60_000).default(2_000),
  READY_PROOF_SECONDS: integer(0, 3600).default(60),
  GRAPHQL_JIT_FROM_RUN: integer(1, 1_000_000).default(10),
  UPSTREAM_CACHE_TTL_SECONDS: integer(0, 86_400).default(30),
  UPSTREAM_CACHE_MAX_BYTES: integer(1024 * 1024, 16 * 1024 * 1024 * 1024).default(64 * 1024 * 1024),
  UPSTREAM_BLOCK_SIZE: integer(2, 10_000).default(400),
  UPSTREAM_CACHE_KEY_PREFIX: variable("a Redis key prefix of at most 200 characters", (text) =>
    text.length <= 200 ? text : undefined,
  ).default("weixin-orders-subgraph:upstream-cache:"),
  SHUTDOWN_TIMEOUT_MS: integer(100, 600_000).default(10_000),
  ...simulatorEnvShape,
});

type ParsedEnv = z.infer<typeof envSchema>;

function wechatSource(env: ParsedEnv): WechatSourceConfig | undefined {
  const hasKeys = env.WECHAT_APPID !== undefined && env.WECHAT_SECRET !== undefined;
  if (!hasKeys && env.WECHAT_ACCESS_TOKEN === undefined) return undefined;
  const tokenMode = env.WECHAT_TOKEN_MODE ?? (hasKeys ? "stable" : "static");
  return {
    apiBase: env.WECHAT_API_BASE,
    tokenMode,
    ...(tokenMode === "static"
      ? { accessToken: env.WECHAT_ACCESS_TOKEN }
      : { appId: env.WECHAT_APPID, secret: env.WECHAT_SECRET }),
  };
}

function weixin12315Source(env: ParsedEnv): Weixin12315SourceConfig | undefined {
  if (env.WX12315_APP_ID === undefined || env.WX12315_APP_SECRET === undefined) return undefined;
  return {
    apiBase: env.WX12315_API_BASE,
    appId: env.WX12315_APP_ID,
    appSecret: env.WX12315_APP_SECRET,
    statusCodes: env.WX12315_STATUS_CODES,
  };
}

/**
 * Reads and validates the environment (pure: pass `process.env` or a test's own object).
 * Throws `ConfigError` listing every problem at once.
 */
export function loadConfig(env: Env): Config {
  const raw = present(env, envSchema.shape);
  const parsed = envSchema.safeParse(raw);
  const nodeEnv = parsed.success
    ? parsed.data.NODE_ENV
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

  const configured = { wechat: wechatSource(e), weixin12315: weixin12315Source(e) };
  const demoMode = e.DEMO_MODE ?? (configured.wechat === undefined && configured.weixin12315 === undefined);
  // Demo mode serves the in-process simulators, whatever credentials are set.
  const { wechat, weixin12315 } = demoMode ? {} : configured;
  const warnings = configWarnings(raw, e, {
    production,
    demoMode,
    credentialsIgnored: demoMode && (configured.wechat !== undefined || configured.weixin12315 !== undefined),
    wechatTokenMode: configured.wechat?.tokenMode,
  });

  // Sandbox needs introspection; both follow "development or demo" unless set explicitly.
  const explorable = !production || demoMode;
  return {
    nodeEnv,
    isProduction: production,
    host: e.HOST,
    port: e.PORT,
    ...(e.METRICS_PORT !== undefined ? { metricsPort: e.METRICS_PORT } : {}),
    log: {
      level: e.LOG_LEVEL,
      format: e.LOG_FORMAT ?? (nodeEnv === "development" ? "pretty" : "json"),
    },
    demoMode,
    ...(wechat ? { wechat } : {}),
    ...(weixin12315 ? { weixin12315 } : {}),
    ...(e.REDIS_URL ? { redisUrl: e.REDIS_URL } : {}),
    cursorSecret: e.CURSOR_SECRET,
    ...(e.ROUTER_SECRET ? { routerSecret: e.ROUTER_SECRET } : {}),
    personalData: {
      masking: e.PII_MASKING,
      scopeHeader: e.PII_SCOPE_HEADER,
      requiresScopes: e.PII_REQUIRES_SCOPES,
    },
    limits: {
      maxDepth: e.MAX_QUERY_DEPTH,
      maxCost: e.MAX_QUERY_COST,
      maxAliases: e.MAX_ALIASES,
      maxBodyBytes: e.MAX_BODY_BYTES,
      maxTokens: e.MAX_QUERY_TOKENS,
      maxStringLength: e.MAX_STRING_LENGTH,
      maxEntityRepresentations: e.MAX_ENTITY_REPRESENTATIONS,
    },
    corsOrigins: e.CORS_ORIGINS ?? (production ? [] : [STUDIO_ORIGIN]),
    introspection: e.INTROSPECTION ?? explorable,
    landingPage: e.LANDING_PAGE ?? explorable,
    defaultWindowDays: e.DEFAULT_WINDOW_DAYS,
    upstream: {
      ...(e.UPSTREAM_TIMEOUT_MS
        ? { headersTimeoutMs: e.UPSTREAM_TIMEOUT_MS, bodyTimeoutMs: e.UPSTREAM_TIMEOUT_MS }
        : {}),
      ...(e.UPSTREAM_CONCURRENCY ? { concurrency: e.UPSTREAM_CONCURRENCY } : {}),
      ...(e.UPSTREAM_QUEUE_LIMIT !== undefined ? { queueLimit: e.UPSTREAM_QUEUE_LIMIT } : {}),
    },
    admission: {
      concurrent: e.MAX_CONCURRENT_OPERATIONS,
      queued: e.MAX_QUEUED_OPERATIONS,
      deadlineMs: e.OPERATION_DEADLINE_MS,
    },
    ...(e.UPSTREAM_MAX_PAGE_SIZE ? { upstreamMaxPageSize: e.UPSTREAM_MAX_PAGE_SIZE } : {}),
    budget: {
      callsPerMinute: {
        ...(e.WECHAT_CALLS_PER_MINUTE ? { MINI_STORE: e.WECHAT_CALLS_PER_MINUTE } : {}),
        ...(e.WX12315_CALLS_PER_MINUTE ? { WEIXIN12315: e.WX12315_CALLS_PER_MINUTE } : {}),
      },
      maxWaitMs: e.UPSTREAM_BUDGET_WAIT_MS,
    },
    readyProofSeconds: e.READY_PROOF_SECONDS,
    graphqlJitFromRun: e.GRAPHQL_JIT_FROM_RUN,
    upstreamCache: {
      ttlSeconds: e.UPSTREAM_CACHE_TTL_SECONDS,
      maxBytes: e.UPSTREAM_CACHE_MAX_BYTES,
      blockSize: e.UPSTREAM_BLOCK_SIZE,
      keyPrefix: e.UPSTREAM_CACHE_KEY_PREFIX,
    },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    simulators: simulatorSettings(e),
    warnings,
  };
}
