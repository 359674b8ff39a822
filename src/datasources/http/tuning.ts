/** HTTP tuning of one upstream source; every field is optional and falls back to `DEFAULT_HTTP_TUNING`. */
export interface UpstreamHttpTuning {
  connectTimeoutMs?: number;
  /** Time to the response headers of one attempt. */
  headersTimeoutMs?: number;
  /** Maximum gap between body chunks of one attempt. */
  bodyTimeoutMs?: number;
  keepAliveTimeoutMs?: number;
  /** Calls in flight per source (also the pool's connection count). */
  concurrency?: number;
  /** Calls allowed to wait for a slot; beyond that a call fails fast as unavailable. */
  queueLimit?: number;
  /**
   * Calls one GraphQL operation may have in flight or waiting at this source at once (its fair share
   * of `concurrency`); its further calls wait in its own queue. Default: half of `concurrency`.
   */
  operationShare?: number;
  retry?: {
    /** Attempts per call, the first included. */
    maxAttempts?: number;
    /** Exponential backoff with full jitter: attempt n waits random [0, min(maxDelayMs, initialDelayMs·2^n)). */
    initialDelayMs?: number;
    maxDelayMs?: number;
    /** Budget for a call with all its attempts and waits; no attempt starts after it. */
    maxTotalMs?: number;
  };
  breaker?: {
    /**
     * Share of failed attempts (unavailable, or a body that is not JSON) over the sampling window that
     * opens the breaker, in (0, 1): a partly failing upstream is retried through, a dead one fails fast.
     */
    failureRate?: number;
    /** The sliding window the failure rate is measured over. */
    samplingWindowMs?: number;
    /** Attempts the window must hold before the rate can open the breaker (no verdict on a handful). */
    minimumCalls?: number;
    /** Time the breaker stays open before one half-open probe is let through. */
    halfOpenAfterMs?: number;
  };
}

export type ResolvedHttpTuning = Required<Omit<UpstreamHttpTuning, "retry" | "breaker">> & {
  retry: Required<NonNullable<UpstreamHttpTuning["retry"]>>;
  breaker: Required<NonNullable<UpstreamHttpTuning["breaker"]>>;
};

/** @public The benchmark's floor server reads it from the build (bench/lib/floor-server.mjs). */
export const DEFAULT_HTTP_TUNING: ResolvedHttpTuning = {
  connectTimeoutMs: 3_000,
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 10_000,
  keepAliveTimeoutMs: 30_000,
  // A merged page reads one stream per WeChat status (12) at once: 16 keeps it to one round of upstream
  // latency, with room for another request's first calls (measured: 8 took two rounds, 600 ms at 250 ms a call).
  concurrency: 16,
  queueLimit: 1_000,
  operationShare: 4,
  retry: { maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 2_000, maxTotalMs: 20_000 },
  breaker: { failureRate: 0.5, samplingWindowMs: 10_000, minimumCalls: 20, halfOpenAfterMs: 10_000 },
};

/** `over` on top of `base`, field by field (nested `retry` and `breaker` too); undefined fields do not override. */
export function mergeHttpTuning(
  base: UpstreamHttpTuning = {},
  over: UpstreamHttpTuning = {},
): UpstreamHttpTuning {
  return {
    ...base,
    ...withoutUndefined(over),
    retry: { ...base.retry, ...withoutUndefined(over.retry ?? {}) },
    breaker: { ...base.breaker, ...withoutUndefined(over.breaker ?? {}) },
  };
}

/** A tuning completed with the defaults (an operation's share follows the concurrency unless set). */
export function resolveHttpTuning(tuning?: UpstreamHttpTuning): ResolvedHttpTuning {
  const resolved = mergeHttpTuning(DEFAULT_HTTP_TUNING, tuning) as ResolvedHttpTuning;
  const operationShare = tuning?.operationShare ?? Math.max(1, Math.ceil(resolved.concurrency / 2));
  return { ...resolved, operationShare };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
