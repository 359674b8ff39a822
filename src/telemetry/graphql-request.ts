// The GraphQL request as metrics and traces see it: a SERVER span continuing the caller's W3C
// `traceparent` (the router's), and the request counter and duration histogram.
import type { IncomingHttpHeaders } from "node:http";

import type { ApolloServerPlugin } from "@apollo/server";
import { propagation, ROOT_CONTEXT, SpanStatusCode, trace } from "@opentelemetry/api";

import { recordGraphqlRequest } from "./metrics.js";
import { SpanKind } from "./span.js";
import { tracer, tracingEnabled } from "./tracing.js";

/** Runs `handle` (admission and execution of one GraphQL request) inside its span, when tracing is on. */
export function traceGraphqlRequest<T>(
  request: { method: string; headers: IncomingHttpHeaders },
  handle: () => Promise<T>,
): Promise<T> {
  if (!tracingEnabled()) return handle();
  const parent = propagation.extract(ROOT_CONTEXT, request.headers);
  return tracer().startActiveSpan(
    "GraphQL Operation",
    {
      kind: SpanKind.SERVER,
      attributes: { "http.request.method": request.method, "http.route": "/graphql" },
    },
    parent,
    async (span) => {
      try {
        return await handle();
      } finally {
        span.end();
      }
    },
  );
}

/** Names the request's span after the operation once Apollo has resolved it (`query RecentOrders`). */
export function graphqlSpanPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      if (!tracingEnabled()) return;
      return {
        async didResolveOperation({ operation, operationName }) {
          const span = trace.getActiveSpan();
          if (!operation) return;
          span?.setAttributes({
            "graphql.operation.type": operation.operation,
            ...(operationName ? { "graphql.operation.name": operationName } : {}),
          });
          span?.updateName(`${operation.operation}${operationName ? ` ${operationName}` : ""}`);
        },
      };
    },
  };
}

export interface GraphqlRequestResult {
  /** HTTP status of the answer. */
  status: number;
  /** `extensions.code` of every error in the answer, in order. */
  errorCodes: readonly string[];
  durationMs: number;
}

/** Counts and times an answered request; its outcome is `ok` or the first error code (else `HTTP_<status>`). */
export function graphqlRequestAnswered({ status, errorCodes, durationMs }: GraphqlRequestResult): void {
  const code = errorCodes[0] ?? (status >= 400 ? `HTTP_${status}` : undefined);
  recordGraphqlRequest(code, durationMs / 1000);
  if (!tracingEnabled()) return;
  const span = trace.getActiveSpan();
  span?.setAttributes({ "http.response.status_code": status, "orders.outcome": code ?? "ok" });
  if (code !== undefined) span?.setStatus({ code: SpanStatusCode.ERROR, message: code });
}
