import { AsyncResource } from "node:async_hooks";
import { performance } from "node:perf_hooks";

import {
  BrokenCircuitError,
  BulkheadRejectedError,
  CircuitState,
  ExponentialBackoff,
  SamplingBreaker,
  TaskCancelledError,
  bulkhead,
  circuitBreaker,
  fullJitterGenerator,
  handleWhen,
  retry,
  type BulkheadPolicy,
  type CircuitBreakerPolicy,
  type RetryPolicy,
} from "cockatiel";
import { stringify } from "lossless-json";
import type { Logger } from "pino";
import { Pool } from "undici";
import type { z } from "zod";

import { CallBudgetRefusal, type CallBudget } from "../../budget/call-budget.js";
import type { CachedBody, CachePolicy, UpstreamCache } from "../../cache/index.js";
import type { OrderSourceName } from "../../shared/order-source.js";
import { observeUpstreamExchange, recordCircuitState } from "../../telemetry/index.js";
import {
  CircuitOpenError,
  UpstreamAuthFailedError,
  UpstreamBusinessError,
  UpstreamError,
  UpstreamMalformedBodyError,
  UpstreamQueueFullError,
  UpstreamRateLimitedError,
  UpstreamUnavailableError,
  type UpstreamErrorOptions,
} from "../errors.js";
import { reportUpstreamCall } from "./call-observer.js";
import { operationCallShare } from "./operation-call-share.js";
import { redactedTarget } from "./redact.js";
import { resolveHttpTuning, type ResolvedHttpTuning, type UpstreamHttpTuning } from "./tuning.js";
import { parseLosslessBody, validateWireBody } from "./wire-body.js";

/** One upstream call as a subclass describes it. */
export interface UpstreamRequest<T> {
  /** Stable operation name for logs, errors and call events, e.g. `product/order/get_list`. */
  endpoint: string;
  method: "GET" | "POST";
  /** Path below the base URL, starting with `/`. */
  path: string;
  query?: Record<string, string>;
  /** JSON body, serialised with lossless-json (bigint / LosslessNumber written as bare digits). */
  body?: Record<string, unknown>;
  /** The success body's wire schema; error envelopes are told apart before it applies. */
  schema: z.ZodType<T>;
  /** A readiness probe: skips the queue for the source's call slots (never waits behind user calls) and uses the pool's spare connection. */
  probe?: boolean;
  /** Receives the success body's text (what the response cache stores). */
  keepBody?: (text: string) => void;
}

/** How a read may use the cache, and whether it is a readiness probe (see `UpstreamRequest.probe`). */
export interface ReadPolicy extends CachePolicy {
  probe?: boolean;
}

/** A value read through the response cache, and the round its body was read in (see `UpstreamCache`). */
export interface CachedValue<T> {
  value: T;
  round: string | undefined;
}

/**
 * Heap a decoded list read keeps per character of its body (lossless rows: objects, `LosslessNumber`s
 * and their strings), measured on both simulators' 400-row pages. `decodedReads` keeps it while the
 * body is stored in this process, so the in-process store counts it against its byte bound.
 */
const DECODED_LIST_BYTES_PER_CHAR = 4;

/** `send`, handed to collaborators (the token provider) that call through this client's pool and policies. */
export type UpstreamSend = <T>(request: UpstreamRequest<T>) => Promise<T>;

export interface UpstreamClientOptions {
  source: OrderSourceName;
  baseUrl: string;
  logger: Logger;
  http?: UpstreamHttpTuning;
  /** The source's per-minute call budget (fleet-wide with Redis); every attempt spends one call. */
  budget?: CallBudget;
  /** Response cache and single-flight shared by the clients (default: none, every read is sent). */
  cache?: UpstreamCache | undefined;
}

export type BreakerState = "closed" | "open" | "half-open" | "isolated";

const BREAKER_STATES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: "closed",
  [CircuitState.Open]: "open",
  [CircuitState.HalfOpen]: "half-open",
  [CircuitState.Isolated]: "isolated",
};

const TIMEOUT_CODES = new Set(["UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);

/** Error codes of a failed exchange: undici's socket-level failures and the operating system's network errors. */
const TRANSPORT_CODES = new Set([
  ...TIMEOUT_CODES,
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_DESTROYED",
  "UND_ERR_ABORTED",
  "UND_ERR_HEADERS_OVERFLOW",
  "UND_ERR_RES_CONTENT_LENGTH_MISMATCH",
  "UND_ERR_RES_EXCEEDED_MAX_SIZE",
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "ENETDOWN",
]);

/** An abort of the request (the deadline's signal fired): undici's own error or the signal's reason. */
const isAbort = (error: unknown): boolean =>
  error instanceof Error &&
  (error.name === "AbortError" ||
    error.name === "TimeoutError" ||
    (error as { code?: unknown }).code === "UND_ERR_ABORTED");

/**
 * The one HTTP lifecycle every upstream call goes through, in this order:
 * retry (exponential backoff, full jitter, bounded attempts and total time)
 *   → the source's call budget (waits within a bound, else UPSTREAM_RATE_LIMITED unsent)
 *   → bulkhead (per-source concurrency; a readiness probe skips it) → circuit breaker (failure rate
 *   over a window) → one attempt:
 *     `attemptHeaders` hook (per attempt: signatures must be fresh) → serialise → keep-alive pool
 *     → HTTP status → lossless parse → `envelopeError` hook → wire schema.
 * Every call is logged at debug level and reported to the call observer once it settles.
 * Subclasses describe requests and override the small protected hooks below.
 */
export abstract class UpstreamClient {
  protected readonly source: OrderSourceName;
  protected readonly logger: Logger;
  protected readonly tuning: ResolvedHttpTuning;
  private readonly pool: Pool;
  private readonly pathPrefix: string;
  private readonly retryPolicy: RetryPolicy;
  private readonly bulkhead: BulkheadPolicy;
  private readonly breaker: CircuitBreakerPolicy;
  private readonly budget: CallBudget | undefined;
  /** When an exchange last succeeded (epoch ms); cleared by one that found the source unavailable. */
  private healthyAt: number | undefined;
  protected readonly cache: UpstreamCache | undefined;
  /** Values of stored reads already decoded here, by entry (rows are immutable once read). */
  private readonly decodedReads = new WeakMap<CachedBody, unknown>();

  constructor(options: UpstreamClientOptions) {
    this.source = options.source;
    this.budget = options.budget;
    this.cache = options.cache;
    this.logger = options.logger.child({ source: options.source });
    this.tuning = resolveHttpTuning(options.http);
    const base = new URL(options.baseUrl);
    this.pathPrefix = base.pathname.replace(/\/+$/, "");
    this.pool = new Pool(base.origin, {
      // One connection beyond the call slots: a readiness probe's, so it never queues in the pool either.
      connections: this.tuning.concurrency + 1,
      connect: { timeout: this.tuning.connectTimeoutMs },
      headersTimeout: this.tuning.headersTimeoutMs,
      bodyTimeout: this.tuning.bodyTimeoutMs,
      keepAliveTimeout: this.tuning.keepAliveTimeoutMs,
    });
    this.retryPolicy = retry(
      handleWhen((error) => error instanceof UpstreamError && this.isRetryable(error)),
      {
        maxAttempts: Math.max(0, this.tuning.retry.maxAttempts - 1),
        backoff: new ExponentialBackoff({
          generator: fullJitterGenerator,
          initialDelay: this.tuning.retry.initialDelayMs,
          maxDelay: this.tuning.retry.maxDelayMs,
        }),
      },
    );
    this.bulkhead = bulkhead(this.tuning.concurrency, this.tuning.queueLimit);
    const { failureRate, samplingWindowMs, minimumCalls, halfOpenAfterMs } = this.tuning.breaker;
    this.breaker = circuitBreaker(
      handleWhen(
        (error) =>
          (error instanceof UpstreamUnavailableError && !(error instanceof CircuitOpenError)) ||
          error instanceof UpstreamMalformedBodyError,
      ),
      {
        breaker: new SamplingBreaker({
          threshold: failureRate,
          duration: samplingWindowMs,
          minimumRps: (minimumCalls * 1000) / samplingWindowMs,
        }),
        halfOpenAfter: halfOpenAfterMs,
      },
    );
    recordCircuitState(this.source, "closed");
    this.breaker.onStateChange((state) => {
      recordCircuitState(this.source, BREAKER_STATES[state]);
      const level = state === CircuitState.Open ? "warn" : "info";
      this.logger[level]({ breaker: BREAKER_STATES[state] }, "upstream circuit breaker changed state");
    });
  }

  /** A call slot of this source is free and no call waits for one. */
  private idleSlotFree(): boolean {
    return this.bulkhead.executionSlots > 0 && this.bulkhead.queueSlots === this.tuning.queueLimit;
  }

  /** The source's circuit breaker, for readiness checks and diagnostics. */
  breakerState(): BreakerState {
    return BREAKER_STATES[this.breaker.state];
  }

  /** Whether an exchange succeeded within the last `windowMs` with none unavailable since: readiness needs no probe then. */
  provenHealthyWithin(windowMs: number): boolean {
    return this.healthyAt !== undefined && Date.now() - this.healthyAt < windowMs;
  }

  /** Closes the keep-alive pool (waits for calls in flight). */
  async close(): Promise<void> {
    await this.pool.close();
  }

  /** Per-attempt headers, computed after any backoff (e.g. a signature with a fresh timestamp and nonce). */
  protected attemptHeaders(_request: UpstreamRequest<unknown>): Record<string, string> {
    return {};
  }

  /** The typed error for a parsed body that is an upstream error envelope; undefined for a success body. */
  protected abstract envelopeError(body: unknown, where: UpstreamErrorOptions): UpstreamError | undefined;

  /** Whether the upstream said the appid's per-minute quota is spent: every replica then holds this source's calls until the next minute. */
  protected spentMinuteQuota(_error: UpstreamError): boolean {
    return false;
  }

  /**
   * Whether a failed attempt is worth another (default: transient unavailability or a body cut short,
   * not a local refusal).
   */
  protected isRetryable(error: UpstreamError): boolean {
    return (
      (error instanceof UpstreamUnavailableError &&
        !(error instanceof CircuitOpenError) &&
        !(error instanceof UpstreamQueueFullError)) ||
      error instanceof UpstreamMalformedBodyError
    );
  }

  /**
   * Runs one upstream call through the whole lifecycle. Rejects with an `UpstreamError`, or, when
   * something other than the upstream or the network failed (a bug in a hook, the signer, a
   * schema), with that error itself: never retried, logged with its stack, an internal error.
   */
  protected async send<T>(request: UpstreamRequest<T>): Promise<T> {
    const where: UpstreamErrorOptions = { source: this.source, endpoint: request.endpoint };
    const started = performance.now();
    const deadline = AbortSignal.timeout(this.tuning.retry.maxTotalMs);
    let attempts = 0;
    let lastError: UpstreamError | undefined;
    let failure: unknown;
    try {
      return await this.retryPolicy.execute(async () => {
        // A backoff that ran past the budget starts no new attempt: the last real failure stands.
        if (deadline.aborted && lastError) throw lastError;
        attempts += 1;
        try {
          return await this.attempt(request, where, deadline, attempts);
        } catch (error) {
          const typed = this.transportError(error, where, deadline);
          if (!typed) throw error; // not the upstream's fault: no retry (the policy retries UpstreamErrors only)
          lastError = typed;
          if (this.budget && this.spentMinuteQuota(typed)) await this.budget.holdUntilNextMinute();
          if (this.isRetryable(typed)) this.logRetry(request, attempts, typed);
          throw typed;
        }
      }, deadline);
    } catch (error) {
      failure = this.transportError(error, where, deadline) ?? error;
      if (!(failure instanceof UpstreamError)) {
        this.logger.error(
          { err: failure, endpoint: request.endpoint },
          "upstream call failed with an internal error (a bug here, not the upstream)",
        );
      }
      throw failure;
    } finally {
      this.settle(request, performance.now() - started, attempts, failure);
    }
  }

  /** Who the cached reads belong to (an appid, or a digest of a static token): part of every cache key. */
  protected abstract cacheIdentity(): string;

  /** The cache key of a read: kind, source, credential identity and the exact upstream parameters. */
  protected cacheKey(kind: "list" | "order", parameters: unknown): string {
    return `${kind}:${this.source}:${this.cacheIdentity()}:${stringify(parameters) ?? ""}`;
  }

  /**
   * A list call through the response cache: a stored fresh body is decoded without a call; otherwise
   * the call is made (once for identical reads in flight) and its body stored, with `related`
   * entries (its orders, for lookups) derived from the value.
   */
  protected async sendCachedList<T>(
    request: UpstreamRequest<T> & { body: Record<string, unknown> },
    policy: CachePolicy,
    related: (value: T) => (readonly [string, string])[],
    send: (request: UpstreamRequest<T>) => Promise<T> = (r) => this.send(r),
  ): Promise<CachedValue<T>> {
    if (!this.cache) return { value: await send(request), round: undefined };
    let fetched: T | undefined;
    const key = this.cacheKey("list", request.body);
    const read: CachedBody = await this.cache.read("list", key, policy, async () => {
      let body = "";
      fetched = await send({ ...request, keepBody: (text) => (body = text) });
      return { body, related: related(fetched), decodedBytes: DECODED_LIST_BYTES_PER_CHAR * body.length };
    });
    // The caller that fetched has the value; a hit (or a joined flight) decodes the stored body once
    // per stored entry in this process (the memory store hands out the same entry on every hit).
    const known = this.decodedReads.get(read) as T | undefined;
    const where: UpstreamErrorOptions = { source: this.source, endpoint: request.endpoint };
    const value =
      fetched ?? known ?? validateWireBody(request.schema, parseLosslessBody(read.body, where), where);
    this.decodedReads.set(read, value);
    return { value, round: read.round };
  }

  /**
   * One order by entity key through the cache, where list reads and earlier lookups leave orders
   * (the order's own JSON, or `null` for none); `fetch` reads it from upstream.
   */
  protected async cachedOrder<W>(
    entityKey: string,
    policy: CachePolicy,
    where: { endpoint: string; schema: z.ZodType<W>; path: readonly PropertyKey[] },
    fetch: () => Promise<string | null>,
  ): Promise<W | null> {
    const read = this.cache
      ? (
          await this.cache.read("order", this.cacheKey("order", entityKey), policy, async () => ({
            body: (await fetch()) ?? "null",
            related: [],
          }))
        ).body
      : await fetch();
    const at: UpstreamErrorOptions = { source: this.source, endpoint: where.endpoint };
    const raw = read === null ? null : parseLosslessBody(read, at);
    return raw === null ? null : validateWireBody(where.schema, raw, at, where.path);
  }

  /** The entry a listed row leaves for lookups by its entity key. */
  protected orderEntry(entityKey: string, raw: unknown): readonly [string, string] {
    return [this.cacheKey("order", entityKey), stringify(raw) ?? "null"];
  }

  private async attempt<T>(
    request: UpstreamRequest<T>,
    where: UpstreamErrorOptions,
    deadline: AbortSignal,
    attempt: number,
  ): Promise<T> {
    const exchange = () =>
      observeUpstreamExchange(
        { source: this.source, endpoint: request.endpoint, method: request.method, attempt },
        () => this.exchange(request, where, deadline),
      ).then(
        (value) => {
          this.healthyAt = Date.now();
          return value;
        },
        (error: unknown) => {
          if (error instanceof UpstreamUnavailableError) this.healthyAt = undefined;
          throw error;
        },
      );
    const guarded = () => this.breaker.execute(exchange, deadline);
    await this.spendBudget(where, deadline);
    const share = operationCallShare(this.source, this.tuning.operationShare);
    let shareHeld = false;
    try {
      if (request.probe) return await guarded();
      // Beyond its share, an operation may still take a slot no one is waiting for (nobody's loss).
      // Decided with no await before the bulkhead takes the slot: else a burst of calls all see the
      // same idle slots and all queue at the bulkhead, ahead of other operations' calls.
      if (share?.tryAcquire()) shareHeld = true;
      else if (share && !this.idleSlotFree()) {
        await share.acquire(deadline);
        shareHeld = true;
      }
      // A queued call is started from the one that frees the slot: bound, its span and call observer stay
      // those of the operation that made it (binding costs microseconds, so only when it will queue).
      return await this.bulkhead.execute(
        this.bulkhead.executionSlots === 0 ? AsyncResource.bind(guarded) : guarded,
        deadline,
      );
    } catch (error) {
      if (error instanceof BrokenCircuitError) throw new CircuitOpenError("circuit breaker is open", where);
      if (error instanceof BulkheadRejectedError) {
        throw new UpstreamQueueFullError("too many calls waiting for this source", where);
      }
      throw error;
    } finally {
      if (shareHeld) share!.release();
    }
  }

  /** One call of the budget, waited for within its bound; a refusal is UPSTREAM_RATE_LIMITED and nothing is sent. */
  private async spendBudget(where: UpstreamErrorOptions, deadline: AbortSignal): Promise<void> {
    try {
      await this.budget?.take(deadline);
    } catch (error) {
      if (!(error instanceof CallBudgetRefusal)) throw error;
      const seconds = Math.ceil(error.retryAfterMs / 1000);
      throw new UpstreamRateLimitedError(`${error.message}: not sent (frees up in ${seconds} s)`, where);
    }
  }

  private async exchange<T>(
    request: UpstreamRequest<T>,
    where: UpstreamErrorOptions,
    deadline: AbortSignal,
  ): Promise<T> {
    const body = request.body === undefined ? undefined : stringify(request.body);
    const headers: Record<string, string> = {
      accept: "application/json",
      ...(body === undefined ? {} : { "content-type": "application/json; charset=utf-8" }),
      ...this.attemptHeaders(request),
    };
    const query = request.query ? `?${new URLSearchParams(request.query).toString()}` : "";
    let status: number;
    let text: string;
    try {
      const response = await this.pool.request({
        method: request.method,
        path: `${this.pathPrefix}${request.path}${query}`,
        headers,
        body,
        signal: deadline,
      });
      status = response.statusCode;
      text = await response.body.text();
    } catch (error) {
      // Typed here, inside the breaker, so network failures and timeouts count towards opening it.
      throw this.transportError(error, where, deadline) ?? error;
    }
    if (status >= 500) throw new UpstreamUnavailableError(`HTTP ${status}`, where);
    if (status === 429) throw new UpstreamRateLimitedError(`HTTP ${status}`, where);
    if (status === 401 || status === 403) throw new UpstreamAuthFailedError(`HTTP ${status}`, where);
    if (status < 200 || status >= 300) throw new UpstreamBusinessError(`HTTP ${status}`, where);
    const parsed = parseLosslessBody(text, where);
    const rejection = this.envelopeError(parsed, where);
    if (rejection) throw rejection;
    const value = validateWireBody(request.schema, parsed, where);
    request.keepBody?.(text);
    return value;
  }

  /**
   * Typed errors pass through; the known transport failures (network errors, timeouts, the call's
   * deadline) become `UPSTREAM_UNAVAILABLE`; anything else is not an upstream failure: undefined.
   */
  private transportError(
    error: unknown,
    where: UpstreamErrorOptions,
    deadline: AbortSignal,
  ): UpstreamError | undefined {
    if (error instanceof UpstreamError) return error;
    if (error instanceof TaskCancelledError || (deadline.aborted && isAbort(error))) {
      return new UpstreamUnavailableError(`gave up after ${this.tuning.retry.maxTotalMs} ms`, {
        ...where,
        cause: error,
      });
    }
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code !== "string" || !TRANSPORT_CODES.has(code)) return undefined;
    const kind = TIMEOUT_CODES.has(code) ? "timed out" : "network error";
    return new UpstreamUnavailableError(`${kind} (${code})`, { ...where, cause: error });
  }

  private logRetry(request: UpstreamRequest<unknown>, attempt: number, error: UpstreamError) {
    this.logger.debug(
      { endpoint: request.endpoint, attempt, code: error.code, upstreamCode: error.upstreamCode },
      "upstream attempt failed; retrying within the bounds",
    );
  }

  private settle(request: UpstreamRequest<unknown>, durationMs: number, attempts: number, failure: unknown) {
    const error = failure instanceof UpstreamError ? failure : undefined;
    const result = failure === undefined ? "OK" : (error?.code ?? "INTERNAL_ERROR");
    const rounded = Math.round(durationMs * 10) / 10;
    this.logger.debug(
      {
        endpoint: request.endpoint,
        method: request.method,
        target: redactedTarget(request.path, request.query),
        durationMs: rounded,
        attempts,
        result,
        upstreamCode: error?.upstreamCode,
      },
      "upstream call",
    );
    reportUpstreamCall({
      source: this.source,
      endpoint: request.endpoint,
      durationMs: rounded,
      ok: failure === undefined,
      ...(error ? { code: error.code, upstreamCode: error.upstreamCode } : {}),
      attempts,
    });
  }
}
