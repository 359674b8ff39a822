// What a client sees of an error: the contract's codes, never a stack trace, secret or internal detail.
import {
  ApolloServerErrorCode,
  ApolloServerValidationErrorCode,
  unwrapResolverError,
} from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";

import { UpstreamError } from "../datasources/errors.js";
import { scrubSecretsInText } from "./logger.js";

const INTERNAL_ERROR_MESSAGE = "Internal server error";

/** Apollo's own text tells the reader to pass an ApolloServer option; our deployments set a variable. */
const INTROSPECTION_DISABLED_MESSAGE =
  "Introspection (__schema, __type) is disabled on this deployment; set INTROSPECTION=on to allow it.";

/** The GraphQL error body of a request refused outside Apollo (auth, body parsing, size, routing). */
export const graphqlErrorBody = (message: string, code: string) => ({
  errors: [{ message, extensions: { code } }],
});

/**
 * A code-less GraphQLError Apollo answers with a 4xx status (a persisted query with a mismatched hash
 * or an unsupported version): the client's mistake, answered as BAD_REQUEST.
 */
const isCodelessRequestError = (error: unknown): boolean => {
  if (!(error instanceof GraphQLError) || error.extensions.code !== undefined) return false;
  const status = (error.extensions.http as { status?: unknown } | undefined)?.status;
  return typeof status === "number" && status >= 400 && status < 500;
};

/** True for errors the client is meant to read (a code other than INTERNAL_SERVER_ERROR, or a 4xx). */
export function isExpectedError(error: GraphQLFormattedError | GraphQLError): boolean {
  const code = error.extensions?.code;
  return (
    (typeof code === "string" && code !== ApolloServerErrorCode.INTERNAL_SERVER_ERROR) ||
    isCodelessRequestError(error)
  );
}

export interface FormatErrorOptions {
  /** Secrets to scrub from any message, whatever produced it. */
  secrets: readonly string[];
  /** Outside production, an unexpected error's (scrubbed) message is added as `extensions.detail`. */
  exposeDetail: boolean;
}

/**
 * Apollo's `formatError`: upstream failures → `{code, source, upstreamCode}`; errors with a client-facing
 * code (validation, user input, limits, auth) keep it; anything else → INTERNAL_SERVER_ERROR with a
 * generic message. Unexpected errors are logged in full by the operation log, not here.
 */
export function createFormatError(options: FormatErrorOptions) {
  const scrub = (text: string) => scrubSecretsInText(text, options.secrets);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const { message, locations, path } = formatted;
    const where = { ...(locations ? { locations } : {}), ...(path ? { path } : {}) };
    const original = unwrapResolverError(error);

    if (original instanceof UpstreamError) {
      return {
        message: scrub(original.message),
        ...where,
        extensions: {
          code: original.code,
          source: original.source,
          ...(original.upstreamCode !== undefined ? { upstreamCode: original.upstreamCode } : {}),
        },
      };
    }
    if (isCodelessRequestError(original)) {
      return { message: scrub(message), ...where, extensions: { code: ApolloServerErrorCode.BAD_REQUEST } };
    }
    if (isExpectedError(formatted)) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      if (extensions.validationErrorCode === ApolloServerValidationErrorCode.INTROSPECTION_DISABLED) {
        return { message: INTROSPECTION_DISABLED_MESSAGE, ...where, extensions };
      }
      return { message: scrub(message), ...where, extensions };
    }
    return {
      message: INTERNAL_ERROR_MESSAGE,
      ...where,
      extensions: {
        code: ApolloServerErrorCode.INTERNAL_SERVER_ERROR,
        ...(options.exposeDetail
          ? { detail: scrub(original instanceof Error ? original.message : message) }
          : {}),
      },
    };
  };
}
