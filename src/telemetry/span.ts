import { SpanKind, SpanStatusCode, type Attributes } from "@opentelemetry/api";

import { failureCodes } from "./failure.js";
import { tracer, tracingEnabled } from "./tracing.js";

export { SpanKind };

/**
 * Runs `work` in a new active span (child of the current one) when tracing is on; otherwise just runs
 * it. The span ends with `orders.outcome` = `ok` or the error's code, and on failure the upstream's
 * code — never the error message, which may quote upstream text.
 */
export async function inSpan<T>(
  name: string,
  kind: SpanKind,
  attributes: () => Attributes,
  work: () => Promise<T>,
): Promise<T> {
  if (!tracingEnabled()) return work();
  return tracer().startActiveSpan(name, { kind, attributes: attributes() }, async (span) => {
    try {
      const result = await work();
      span.setAttribute("orders.outcome", "ok");
      return result;
    } catch (error) {
      const { code, upstreamCode } = failureCodes(error);
      span.setAttributes({
        "orders.outcome": code,
        "error.type": code,
        ...(upstreamCode !== undefined ? { "orders.upstream.code": upstreamCode } : {}),
      });
      span.setStatus({ code: SpanStatusCode.ERROR, message: code });
      throw error;
    } finally {
      span.end();
    }
  });
}
