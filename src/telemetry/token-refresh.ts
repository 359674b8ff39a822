import { withOutcome } from "./failure.js";
import { recordTokenRefresh } from "./metrics.js";
import { inSpan, SpanKind } from "./span.js";

/** A WeChat access token fetch: counted by outcome, and a span around its upstream request(s). */
export function observeTokenRefresh<T>(mode: string, fetch: () => Promise<T>): Promise<T> {
  return inSpan(
    "wechat access token refresh",
    SpanKind.INTERNAL,
    () => ({ "orders.source": "MINI_STORE", "orders.token.mode": mode }),
    () => withOutcome(fetch, recordTokenRefresh),
  );
}
