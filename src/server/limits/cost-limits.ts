// Cost and input-size limits, checked once variables are known (an Apollo plugin), before any
// resolver runs. Connection fields are found by their explicit mark (`@PagedConnection()`).
import type { ApolloServerPlugin } from "@apollo/server";
import { getVariableValues, GraphQLError, visit, type DocumentNode } from "graphql";
import { getComplexity, simpleEstimator, type ComplexityEstimator } from "graphql-query-complexity";

import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../../pagination/connection.js";
import { isPagedConnection } from "../../schema/connections/paged-connection.js";
import type { Limits } from "../config.js";
import { entityRepresentationsRefusal } from "./entity-representations.js";

const httpBadRequest = { status: 400 };

const clampPageSize = (value: unknown) =>
  typeof value === "number" && Number.isFinite(value)
    ? Math.min(Math.max(value, 0), MAX_PAGE_SIZE)
    : undefined;

/**
 * A connection costs its selection once per requested item (`first`/`last`, default 20; sizes beyond
 * the maximum are rejected by the resolver with BAD_USER_INPUT, so they count as the maximum here).
 * `_entities` costs its selection once per representation.
 */
const pagedEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (field.name === "_entities" && Array.isArray(args.representations)) {
    return args.representations.length * (1 + childComplexity);
  }
  if (!isPagedConnection(field)) return undefined;
  const size = clampPageSize(args.first) ?? clampPageSize(args.last) ?? DEFAULT_PAGE_SIZE;
  return 1 + size * childComplexity;
};

const tooComplex = (message: string, extensions: Record<string, unknown> = {}) =>
  new GraphQLError(message, {
    extensions: { code: "QUERY_TOO_COMPLEX", http: httpBadRequest, ...extensions },
  });

/** Bounds the cost memo of one document (variables shapes are caller-controlled). */
const MEMOISED_COSTS_PER_DOCUMENT = 100;

/** The estimated cost of an operation (exported for tests and for tuning `MAX_QUERY_COST`). */
export function operationCost(options: Omit<Parameters<typeof getComplexity>[0], "estimators">): number {
  return getComplexity({
    ...options,
    estimators: [pagedEstimator, simpleEstimator({ defaultComplexity: 1 })],
  });
}

/**
 * The first string (literal or variable) longer than `max`, as a path for the error message. An
 * explicit stack, not recursion: variables nest as deeply as the body allows (an unused variable
 * 8,000 objects deep is 40 KB), and JSON.parse accepts what a recursive walk would overflow on.
 */
function overlongString(value: unknown, max: number, path: string): string | undefined {
  const pending: [unknown, string][] = [[value, path]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, at] = next;
    if (typeof item === "string") {
      if (item.length > max) return at;
    } else if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) pending.push([item[i], `${at}[${i}]`]);
    } else if (item !== null && typeof item === "object") {
      for (const [key, inner] of Object.entries(item).reverse()) pending.push([inner, `${at}.${key}`]);
    }
  }
  return undefined;
}

/**
 * What decides an operation's cost besides its document: the numbers and list lengths of its
 * variables (the estimators read `first`/`last` and the number of representations, never a string).
 */
const costShapeOf = (operationName: string | null | undefined, variables: Record<string, unknown>) =>
  `${operationName ?? ""}|${JSON.stringify(variables, (_key, value: unknown) =>
    typeof value === "string" ? "" : Array.isArray(value) ? value.length : value,
  )}`;

/** Cost and input-size limits, checked after validation with the request's variables. */
export function limitsPlugin(limits: Limits): ApolloServerPlugin {
  // Apollo hands a repeated query the same cached DocumentNode, so both document walks are memoised
  // on it: the literal scan once per document, the cost once per document and variables shape.
  const literalsWithinLimit = new WeakSet<DocumentNode>();
  const costs = new WeakMap<DocumentNode, Map<string, number>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operation, operationName }) {
          const max = limits.maxStringLength;
          let tooLong = overlongString(request.variables ?? {}, max, "$variables");
          if (!tooLong && !literalsWithinLimit.has(document)) {
            visit(document, {
              StringValue(node) {
                if (!tooLong && node.value.length > max) tooLong = "a string literal";
              },
            });
            if (!tooLong) literalsWithinLimit.add(document);
          }
          if (tooLong) {
            throw new GraphQLError(
              `Input too long: ${tooLong.replace(/^\$variables\./, "$")} exceeds ${max} characters.`,
              {
                extensions: { code: "BAD_USER_INPUT", http: httpBadRequest, maximum: max },
              },
            );
          }

          if (operation) {
            const refusal = entityRepresentationsRefusal(
              schema,
              document,
              operation,
              request.variables ?? {},
              limits,
            );
            if (refusal) throw refusal;
          }

          const costShape = costShapeOf(operationName, request.variables ?? {});
          let knownCosts = costs.get(document);
          if (!knownCosts) costs.set(document, (knownCosts = new Map()));
          let cost = knownCosts.get(costShape);
          try {
            cost ??= operationCost({
              schema,
              query: document,
              variables: request.variables ?? {},
              operationName: operationName ?? undefined,
            });
            if (knownCosts.size < MEMOISED_COSTS_PER_DOCUMENT) knownCosts.set(costShape, cost);
          } catch (error) {
            // Bad variables: execution rejects them with BAD_USER_INPUT before any resolver runs.
            const variableErrors = getVariableValues(
              schema,
              operation?.variableDefinitions ?? [],
              request.variables ?? {},
            ).errors;
            if (variableErrors?.length) return;
            // Otherwise the expanded operation has more nodes than the estimator will walk.
            throw tooComplex(`Query is too complex to evaluate: ${(error as Error).message}`);
          }
          if (cost > limits.maxCost) {
            throw tooComplex(
              `Query is too expensive: estimated cost ${cost}; the maximum is ${limits.maxCost}. Ask for fewer items (first/last) or fewer fields.`,
              {
                cost,
                maximumCost: limits.maxCost,
              },
            );
          }
        },
      };
    },
  };
}
