// Redis shared by replicas, with this process as the stand-in: while Redis is unreachable, work goes to
// a local store, announced by one warning per outage and one line when Redis is back. Nothing waits for
// Redis to return, so no request fails or hangs because it is down.
import type { Redis } from "ioredis";

/** The two lines a fallback logs (pino's logger is one; cache/ takes this shape, not pino's). */
export interface FallbackLogger {
  warn(fields: object, message: string): void;
  info(message: string): void;
}

export interface RedisFallbackOptions {
  redis: Redis;
  logger: FallbackLogger;
  /** What falls back, for the log lines, e.g. "WeChat access token store". */
  what: string;
  /** After a failed command, how long to stay local before trying Redis again (a hung Redis costs each try a command timeout). */
  retryAfterMs?: number;
}

/** States of an ioredis client before its first connection: not an outage yet. */
const STARTING = new Set(["wait", "connecting", "connect"]);

export class RedisFallback {
  private readonly redis: Redis;
  private readonly logger: FallbackLogger;
  private readonly what: string;
  private readonly retryAfterMs: number;
  private everReady = false;
  private local = false;
  private retryAt = 0;

  constructor(options: RedisFallbackOptions) {
    this.redis = options.redis;
    this.logger = options.logger;
    this.what = options.what;
    this.retryAfterMs = options.retryAfterMs ?? 1_000;
  }

  /** `shared` (a Redis operation) while Redis answers, else `local` (this process's stand-in). */
  async run<T>(shared: () => Promise<T>, local: () => Promise<T>): Promise<T> {
    const status = this.redis.status;
    if (status === "ready") this.everReady = true;
    if (status !== "ready" || Date.now() < this.retryAt) {
      if (this.everReady || !STARTING.has(status)) this.fallBack(`redis connection ${status}`);
      return local();
    }
    try {
      const result = await shared();
      this.recover();
      return result;
    } catch (error) {
      this.retryAt = Date.now() + this.retryAfterMs;
      this.fallBack(error instanceof Error ? error.message : String(error));
      return local();
    }
  }

  private fallBack(reason: string) {
    if (this.local) return;
    this.local = true;
    this.logger.warn({ reason }, `${this.what}: Redis unavailable, using this process only until it is back`);
  }

  private recover() {
    if (!this.local) return;
    this.local = false;
    this.logger.info(`${this.what}: Redis is back, shared again`);
  }
}
