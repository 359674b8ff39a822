import { pino, type Logger } from "pino";
import { afterEach, expect } from "vitest";

import { UpstreamError, type UpstreamErrorCode } from "../../src/datasources/errors.js";
import type { UpstreamHttpTuning } from "../../src/datasources/http/tuning.js";
import {
  MiniStoreClient,
  type MiniStoreClientOptions,
  type MiniStoreListParams,
} from "../../src/datasources/wechat/client.js";
import { formatChinaLocalTime } from "../../src/shared/china-time.js";
import type { RunningSimServer } from "../../src/simulators/shared/sim-server.js";

// Shared by the datasource suites: credentials, fast tuning, a memory logger and small assertions.

export const WECHAT = { appid: "wxds0123456789abcd", secret: "ds-wechat-secret-5e1f0c9b7a3d2468" };
export const WX12315 = { appId: "ds12315app", appSecret: "ds-12315-secret-9c8b7a6f5e4d3c21" };

/** Tiny backoff so retries cost milliseconds; a breaker that stays out of the way unless a test wants it. */
export const FAST_HTTP: UpstreamHttpTuning = {
  retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 4, maxTotalMs: 5_000 },
  breaker: { failureRate: 0.99, samplingWindowMs: 1_000, minimumCalls: 1_000_000, halfOpenAfterMs: 50 },
};

/** A pino logger at debug level writing into `lines`. */
export function memoryLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}

/** The simulators' access tokens (`86_…`/`87_…`) and any MD5 signature (32 upper-case hex). */
const TOKEN_SHAPE = /\b8[67]_[A-Za-z0-9_-]{20,}/;
const SIGNATURE_SHAPE = /[0-9A-F]{32}/;

/** No captured line carries a secret, an access token or a signature. */
export function expectNoSecretsLogged(lines: string[], secrets: string[]): void {
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.some((line) => line.includes('"msg":"upstream call"'))).toBe(true);
  expectNoSecretsIn(lines, secrets);
}

function expectNoSecretsIn(lines: string[], secrets: string[]): void {
  for (const line of lines) {
    for (const secret of secrets) expect(line).not.toContain(secret);
    expect(line).not.toMatch(TOKEN_SHAPE);
    expect(line).not.toMatch(SIGNATURE_SHAPE);
  }
}

/**
 * After every test of the enclosing suite: the lines that test logged carry no secret, access token
 * or signature. They are then cleared, so each test's own lines are what it sees in `lines`.
 */
export function expectNoSecretsLoggedByEachTest(lines: string[], secrets: string[]): void {
  afterEach(() => expectNoSecretsIn(lines.splice(0), secrets));
}

/** The rejection of `promise`, which must be an `UpstreamError` with `code` (and `upstreamCode`, if given). */
export async function expectUpstreamError(
  promise: Promise<unknown>,
  code: UpstreamErrorCode,
  upstreamCode?: string,
): Promise<UpstreamError> {
  const error = await promise.then(
    () => expect.fail(`expected ${code}, the call succeeded`),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  const typed = error as UpstreamError;
  expect(typed.code).toBe(code);
  if (upstreamCode !== undefined) expect(typed.upstreamCode).toBe(upstreamCode);
  return typed;
}

/** Calls per endpoint since the last reset. */
export const calls = (sim: RunningSimServer): Record<string, number> => ({ ...sim.stats().calls });

/** A get_list filter over the simulator's last 30 days. */
export function recentWindow(now: Date, overrides: Partial<MiniStoreListParams> = {}): MiniStoreListParams {
  return {
    startCreateTime: formatChinaLocalTime(new Date(now.getTime() - 30 * 86_400_000)),
    endCreateTime: formatChinaLocalTime(now),
    status: 100,
    page: 1,
    pageSize: 5,
    ...overrides,
  };
}

/** A Mini Store client against `sim` in stable-token mode with fast tuning. */
export function miniStoreClient(
  sim: RunningSimServer,
  logger: Logger,
  overrides: Partial<MiniStoreClientOptions> = {},
): MiniStoreClient {
  return new MiniStoreClient({
    baseUrl: sim.url,
    credentials: { mode: "stable", ...WECHAT },
    logger,
    http: FAST_HTTP,
    ...overrides,
  });
}
