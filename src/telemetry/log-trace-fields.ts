import { isSpanContextValid, trace } from "@opentelemetry/api";

import { tracingEnabled } from "./tracing.js";

/**
 * pino `mixin`: the active trace and span ids on every line logged within a traced request. Always a
 * fresh object: pino merges the line's own fields into it.
 */
export function traceLogFields(): Record<string, string> {
  if (!tracingEnabled()) return {};
  const span = trace.getActiveSpan()?.spanContext();
  return span && isSpanContextValid(span) ? { traceId: span.traceId, spanId: span.spanId } : {};
}
