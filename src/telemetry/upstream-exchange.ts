// One HTTP request to an upstream, as metrics and traces see it: counted and timed per attempt (a
// retried call shows as several requests), and — with tracing on — a CLIENT span under the caller's.
import { performance } from "node:perf_hooks";

import type { OrderSourceName } from "../shared/order-source.js";
import { withOutcome } from "./failure.js";
import { recordUpstreamRequest } from "./metrics.js";
import { inSpan, SpanKind } from "./span.js";

export interface UpstreamExchange {
  source: OrderSourceName;
  /** Our stable endpoint name (`product/order/get_list`, `md.shop.order.list`, `cgi-bin/stable_token`). */
  endpoint: string;
  method: "GET" | "POST";
  /** 1 for the first attempt of a call, 2 for its first retry, … */
  attempt: number;
}

/** Runs `send` (one HTTP exchange, rejecting with a typed error) and records it. */
export function observeUpstreamExchange<T>(call: UpstreamExchange, send: () => Promise<T>): Promise<T> {
  // Attributes are chosen one by one: no URL, query, header or body ever reaches the span.
  const attributes = () => ({
    "orders.source": call.source,
    "orders.upstream.endpoint": call.endpoint,
    "orders.upstream.attempt": call.attempt,
    "http.request.method": call.method,
    ...(call.attempt > 1 ? { "http.request.resend_count": call.attempt - 1 } : {}),
  });
  return inSpan(`${call.method} ${call.endpoint}`, SpanKind.CLIENT, attributes, () => {
    const started = performance.now();
    return withOutcome(send, (code) =>
      recordUpstreamRequest({
        source: call.source,
        endpoint: call.endpoint,
        ...(code !== undefined ? { code } : {}),
        durationSeconds: (performance.now() - started) / 1000,
      }),
    );
  });
}
