// A per-minute budget of upstream calls for one source, shared by every replica through Redis (this
// process alone without Redis, or while Redis is down). rate-limiter-flexible keeps the counts: a fixed
// one-minute window per source key, atomic in Redis (one Lua script per call).
import { setTimeout as sleep } from "node:timers/promises";

import type { Redis } from "ioredis";
import type { Logger } from "pino";
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";

import type { OrderSourceName } from "../shared/order-source.js";
import { RedisFallback } from "../shared/redis-fallback.js";
import { recordBudgetHold, recordBudgetRefusal, recordBudgetWait } from "../telemetry/index.js";

export interface CallBudgetOptions {
  source: OrderSourceName;
  /** Calls per window (a minute) for the whole fleet; undefined: no limit (a per-minute-quota hold still applies). */
  callsPerMinute?: number;
  /** The budget's window; default 60 s (the upstreams count per minute). */
  windowSeconds?: number;
  /** Longest a call waits for the budget before it is refused. */
  maxWaitMs: number;
  /** Shared by replicas when given (owned by the caller). */
  redis?: Redis;
  /** Redis key prefix, unique per credential (the quota is the appid's). */
  keyPrefix: string;
  logger: Logger;
}

/** Why a call was not sent: the fleet's own budget, or a hold after the upstream's per-minute quota answer. */
export type BudgetRefusalReason = "budget" | "quota-hold";

/** A call refused by the budget: it was never sent. */
export class CallBudgetRefusal extends Error {
  constructor(
    readonly reason: BudgetRefusalReason,
    /** When the budget frees up again, from now. */
    readonly retryAfterMs: number,
  ) {
    super(
      reason === "budget"
        ? "over the fleet's upstream call budget for this minute"
        : "held after the upstream's per-minute quota was reached",
    );
    this.name = "CallBudgetRefusal";
  }
}

/** Points of a budget without a limit: only holds refuse calls. */
const UNLIMITED = 2 ** 31;
/** What a hold stores: more than any budget, and more than refused tries could add up to in a minute. */
const HOLD_POINTS = 2 ** 40;
const KEY = "calls";

type Outcome = { taken: true } | { taken: false; msBeforeNext: number; held: boolean };

export class CallBudget {
  readonly source: OrderSourceName;
  private readonly points: number;
  private readonly maxWaitMs: number;
  private readonly shared: RateLimiterAbstract | undefined;
  private readonly local: RateLimiterAbstract;
  private readonly fallback: RedisFallback | undefined;

  constructor(options: CallBudgetOptions) {
    this.source = options.source;
    this.points = options.callsPerMinute ?? UNLIMITED;
    this.maxWaitMs = options.maxWaitMs;
    const limits = {
      points: this.points,
      duration: options.windowSeconds ?? 60,
      keyPrefix: options.keyPrefix,
    };
    this.local = new RateLimiterMemory(limits);
    if (options.redis) {
      this.shared = new RateLimiterRedis({
        ...limits,
        storeClient: options.redis,
        rejectIfRedisNotReady: true,
      });
      this.fallback = new RedisFallback({
        redis: options.redis,
        logger: options.logger,
        what: `${options.source} upstream call budget`,
      });
    }
  }

  /**
   * Spends one call, waiting while the budget frees up within `maxWaitMs` (and `signal`); rejects with
   * `CallBudgetRefusal` when it will not, at once if the wait is known to be longer.
   */
  async take(signal?: AbortSignal): Promise<void> {
    const giveUpAt = Date.now() + this.maxWaitMs;
    let waited = false;
    for (;;) {
      const outcome = await this.consume();
      if (outcome.taken) return;
      const reason: BudgetRefusalReason = outcome.held ? "quota-hold" : "budget";
      if (Date.now() + outcome.msBeforeNext > giveUpAt) {
        recordBudgetRefusal(this.source, reason);
        throw new CallBudgetRefusal(reason, outcome.msBeforeNext);
      }
      if (!waited) recordBudgetWait(this.source);
      waited = true;
      // An abort (the call's deadline) rejects the wait: the caller reports it as its own timeout.
      await sleep(outcome.msBeforeNext + 1, undefined, signal ? { signal } : {});
    }
  }

  /** Holds every call of this source (every replica's) until the next minute: the upstream said its per-minute quota is spent. */
  async holdUntilNextMinute(): Promise<void> {
    const seconds = Math.max(1, Math.ceil((60_000 - (Date.now() % 60_000)) / 1000));
    recordBudgetHold(this.source);
    await this.use((limiter) => limiter.set(KEY, HOLD_POINTS, seconds));
  }

  private async consume(): Promise<Outcome> {
    return this.use(async (limiter) => {
      try {
        await limiter.consume(KEY);
        return { taken: true };
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection; // the store failed
        const held = rejection.consumedPoints >= HOLD_POINTS;
        return { taken: false, msBeforeNext: Math.max(0, rejection.msBeforeNext), held };
      }
    });
  }

  private use<T>(operation: (limiter: RateLimiterAbstract) => Promise<T>): Promise<T> {
    const { shared, fallback } = this;
    if (!shared || !fallback) return operation(this.local);
    return fallback.run(
      () => operation(shared),
      () => operation(this.local),
    );
  }
}
