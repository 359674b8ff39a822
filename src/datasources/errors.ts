// The typed taxonomy of upstream failures. The GraphQL layer maps these to `extensions.code` by class
// (or `code`), never by message. Messages are safe to show to clients: no secrets, tokens or signatures.
import type { OrderSourceName } from "../shared/order-source.js";

/** The contract's upstream error codes (`extensions.code`). */
export type UpstreamErrorCode =
  | "UPSTREAM_UNAVAILABLE"
  | "UPSTREAM_RATE_LIMITED"
  | "UPSTREAM_AUTH_FAILED"
  | "UPSTREAM_BAD_RESPONSE"
  | "UPSTREAM_ERROR";

export interface UpstreamErrorOptions {
  source: OrderSourceName;
  /** The upstream operation, e.g. `product/order/get_list` or `md.shop.order.list`. */
  endpoint: string;
  /** The upstream's own code (`errcode`, `return_code`), when it sent one. */
  upstreamCode?: string | number;
  cause?: unknown;
}

/** Any failure between a resolver and an upstream. Catch this; branch on `code` or the subclass. */
export abstract class UpstreamError extends Error {
  abstract readonly code: UpstreamErrorCode;
  readonly source: OrderSourceName;
  readonly endpoint: string;
  readonly upstreamCode: string | undefined;

  /** `detail` says what went wrong; the message is prefixed with the source and endpoint. */
  constructor(detail: string, options: UpstreamErrorOptions) {
    super(`${options.source} ${options.endpoint}: ${detail}`, { cause: options.cause });
    this.name = new.target.name;
    this.source = options.source;
    this.endpoint = options.endpoint;
    this.upstreamCode = options.upstreamCode === undefined ? undefined : String(options.upstreamCode);
  }
}

/** Network failure, timeout, HTTP 5xx, upstream "system busy", or an open circuit breaker. */
export class UpstreamUnavailableError extends UpstreamError {
  readonly code = "UPSTREAM_UNAVAILABLE" as const;
}

/** A call quota is exhausted (WeChat 45009 daily, 45011 per minute once retries are spent). */
export class UpstreamRateLimitedError extends UpstreamError {
  readonly code = "UPSTREAM_RATE_LIMITED" as const;
}

/** Credentials, access token or request signature rejected. */
export class UpstreamAuthFailedError extends UpstreamError {
  readonly code = "UPSTREAM_AUTH_FAILED" as const;
}

/** A body that is not JSON or does not match the documented shape. */
export class UpstreamBadResponseError extends UpstreamError {
  readonly code = "UPSTREAM_BAD_RESPONSE" as const;
}

/** A body that is not JSON at all (cut short, garbled): transient, so retried like unavailability. */
export class UpstreamMalformedBodyError extends UpstreamBadResponseError {}

/** Any other non-zero upstream code (bad parameter, scanned too much, ...). */
export class UpstreamBusinessError extends UpstreamError {
  readonly code = "UPSTREAM_ERROR" as const;
}

/** The source's circuit breaker is open: calls fail fast until a half-open probe succeeds. */
export class CircuitOpenError extends UpstreamUnavailableError {}

/** Too many calls already wait for this source (the bulkhead's queue is full): fails fast, never retried. */
export class UpstreamQueueFullError extends UpstreamUnavailableError {}

/** The source has no credentials configured, so it cannot be called at all. */
export class SourceNotConfiguredError extends UpstreamUnavailableError {
  constructor(source: OrderSourceName) {
    super("source is not configured (no upstream credentials)", { source, endpoint: "-" });
  }
}
