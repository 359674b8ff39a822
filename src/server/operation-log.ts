// One log line per GraphQL operation: name, status, duration, upstream calls and error codes, under
// the request id. Unexpected errors get a line of their own (the client sees only a generic message).
import type { ApolloServerPlugin } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import type { FastifyReply, FastifyRequest } from "fastify";
import { getOperationAST, type GraphQLError } from "graphql";

import { UpstreamError } from "../datasources/errors.js";
import { upstreamCallObserver } from "../datasources/http/call-observer.js";
import { operationCallShares } from "../datasources/http/operation-call-share.js";
import { graphqlRequestAnswered } from "../telemetry/index.js";
import type { OperationRecord, ServerContext } from "./context.js";
import { isExpectedError } from "./format-error.js";
import type { Logger } from "./logger.js";

/**
 * Operation bookkeeping for the log line: name, error codes of the response, and a full log entry
 * for each unexpected error (the client only sees a generic message).
 */
export function operationLogPlugin(logger: Logger): ApolloServerPlugin<ServerContext> {
  return {
    async requestDidStart({ contextValue }) {
      const record = contextValue.operation;
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors as readonly GraphQLError[]) {
            const original = unwrapResolverError(error);
            if (original instanceof UpstreamError || isExpectedError(error)) continue;
            logger.error(
              { err: original, path: error.path, requestId: contextValue.requestId },
              "unexpected error in operation",
            );
          }
        },
        async willSendResponse({ response, request, document, operationName }) {
          // Named even when validation failed (no resolved operation): from the parsed document.
          record.operationName =
            operationName ??
            (document && getOperationAST(document, request.operationName)?.name?.value) ??
            request.operationName ??
            null;
          const errors = response.body.kind === "single" ? response.body.singleResult.errors : undefined;
          record.errorCodes = (errors ?? []).map((e) =>
            String(e.extensions?.code ?? "INTERNAL_SERVER_ERROR"),
          );
        },
      };
    },
  };
}

/** Error codes of a body Apollo produced outside the request pipeline (bad HTTP request, CSRF). */
function errorCodesOf(body: unknown): string[] {
  if (typeof body !== "string") return [];
  try {
    const parsed = JSON.parse(body) as { errors?: { extensions?: { code?: unknown } }[] };
    return (parsed.errors ?? []).map((e) => String(e.extensions?.code ?? "INTERNAL_SERVER_ERROR"));
  } catch {
    return [];
  }
}

/**
 * Runs `execute` (the Apollo handler) with every upstream call it causes, loaders included, counted
 * into `record` and held to the operation's fair share of each source's call slots, then writes the
 * operation's log line.
 */
export async function observeOperation<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  record: OperationRecord,
  execute: () => T | Promise<T>,
): Promise<T> {
  const started = performance.now();
  const body = await operationCallShares.run(new Map(), () =>
    upstreamCallObserver.run((event) => {
      record.upstreamCalls += 1;
      if (!event.ok) record.upstreamFailures += 1;
    }, execute),
  );
  const durationMs = Math.round((performance.now() - started) * 10) / 10;
  const errorCodes =
    record.errorCodes.length > 0 || reply.statusCode < 400 ? record.errorCodes : errorCodesOf(body);
  request.log.info(
    {
      operationName: record.operationName,
      status: reply.statusCode,
      durationMs,
      upstreamCalls: record.upstreamCalls,
      upstreamFailures: record.upstreamFailures,
      errorCodes,
    },
    "graphql operation",
  );
  graphqlRequestAnswered({ status: reply.statusCode, errorCodes, durationMs });
  return body;
}
