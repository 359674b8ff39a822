// Operation limits, all enforced before execution (so before any upstream call): depth and aliases as
// validation rules, cost and string length once variables are known (an Apollo plugin).
import type { ApolloServerPlugin } from "@apollo/server";
import type { FastifyReply, FastifyRequest } from "fastify";
import {
  getNamedType,
  getVariableValues,
  GraphQLError,
  Kind,
  visit,
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from "graphql";
import { getComplexity, simpleEstimator, type ComplexityEstimator } from "graphql-query-complexity";

import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../pagination/connection.js";
import type { Limits } from "./config.js";
import { graphqlErrorBody } from "./format-error.js";

/**
 * How deeply `{ [ (` nest in a GraphQL document, skipping strings, block strings and comments. The
 * parser and validator recurse per level, so a pathological document would overflow the stack before
 * any limit could speak; this scan runs first and rejects it plainly.
 */
export function nestingDepthOf(source: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "#") {
      while (i < source.length && source[i] !== "\n" && source[i] !== "\r") i++;
    } else if (c === '"') {
      if (source.startsWith('"""', i)) {
        const end = source.indexOf('"""', i + 3);
        i = end === -1 ? source.length : end + 2;
      } else {
        for (i++; i < source.length && source[i] !== '"' && source[i] !== "\n"; i++)
          if (source[i] === "\\") i++;
      }
    } else if (c === "{" || c === "[" || c === "(") {
      deepest = Math.max(deepest, ++depth);
    } else if (c === "}" || c === "]" || c === ")") {
      depth--;
    }
  }
  return deepest;
}

/** Brackets allowed per level of field depth (arguments, input objects, inline fragments), plus slack. */
const maxNestingFor = (limits: Limits) => limits.maxDepth * 4 + 16;

/** `preHandler` of /graphql: refuses a pathologically nested document before Apollo parses it. */
export function nestingGuard(limits: Limits) {
  const maxNesting = maxNestingFor(limits);
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const params = (request.method === "GET" ? request.query : request.body) as
      { query?: unknown } | undefined;
    if (typeof params?.query !== "string" || nestingDepthOf(params.query) <= maxNesting) return;
    request.log.info({ status: 400, errorCodes: ["GRAPHQL_PARSE_FAILED"] }, "rejected: nesting too deep");
    const body = graphqlErrorBody(
      `Query is nested too deeply: more than ${maxNesting} levels of brackets.`,
      "GRAPHQL_PARSE_FAILED",
    );
    await reply.code(400).type("application/json; charset=utf-8").send(JSON.stringify(body));
  };
}

const httpBadRequest = { status: 400 };

/**
 * The deepest field nesting of `selectionSet`, following fragment spreads (memoised; a spread cycle
 * counts as flat because graphql's own NoFragmentCycles rule rejects it). `__schema`/`__type` are not
 * counted: introspection is switched on or off as a whole.
 */
function depthOf(
  selectionSet: SelectionSetNode | undefined,
  fragments: (name: string) => FragmentDefinitionNode | null | undefined,
  memo: Map<string, number>,
): number {
  if (!selectionSet) return 0;
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    let depth = 0;
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === "__schema" || selection.name.value === "__type") continue;
      depth = 1 + depthOf(selection.selectionSet, fragments, memo);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      depth = depthOf(selection.selectionSet, fragments, memo);
    } else {
      const name = selection.name.value;
      if (!memo.has(name)) {
        memo.set(name, 0);
        memo.set(name, depthOf(fragments(name)?.selectionSet, fragments, memo));
      }
      depth = memo.get(name)!;
    }
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}

/** Aliased fields in `selectionSet` with every fragment spread expanded where it is used. */
function aliasesOf(
  selectionSet: SelectionSetNode | undefined,
  fragments: (name: string) => FragmentDefinitionNode | null | undefined,
  memo: Map<string, number>,
): number {
  if (!selectionSet) return 0;
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      count += (selection.alias ? 1 : 0) + aliasesOf(selection.selectionSet, fragments, memo);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += aliasesOf(selection.selectionSet, fragments, memo);
    } else {
      const name = selection.name.value;
      if (!memo.has(name)) {
        memo.set(name, 0);
        memo.set(name, aliasesOf(fragments(name)?.selectionSet, fragments, memo));
      }
      count += memo.get(name)!;
    }
  }
  return count;
}

function operationLimitRule(
  measure: typeof depthOf,
  maximum: number,
  describe: (actual: number) => string,
  limit: string,
): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const memo = new Map<string, number>();
    const fragments = (name: string) => context.getFragment(name);
    return {
      OperationDefinition(node) {
        const actual = measure(node.selectionSet, fragments, memo);
        if (actual > maximum) {
          context.reportError(
            new GraphQLError(describe(actual), { nodes: [node], extensions: { limit, maximum, actual } }),
          );
        }
      },
    };
  };
}

/** Validation rules for depth and aliases (reported as `GRAPHQL_VALIDATION_FAILED` with `extensions.limit`). */
export function limitValidationRules(limits: Limits): ValidationRule[] {
  return [
    operationLimitRule(
      depthOf,
      limits.maxDepth,
      (depth) => `Query is too deep: ${depth} levels of nested fields; the maximum is ${limits.maxDepth}.`,
      "maxDepth",
    ),
    operationLimitRule(
      aliasesOf,
      limits.maxAliases,
      (count) => `Query uses too many aliases: ${count}; the maximum is ${limits.maxAliases}.`,
      "maxAliases",
    ),
  ];
}

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
  const isConnection =
    getNamedType(field.type).name.endsWith("Connection") &&
    field.args.some((a) => a.name === "first" || a.name === "last");
  if (!isConnection) return undefined;
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

/** The first string (literal or variable) longer than `max`, as a path for the error message. */
function overlongString(value: unknown, max: number, path: string): string | undefined {
  if (typeof value === "string") return value.length > max ? path : undefined;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = overlongString(item, max, `${path}[${i}]`);
      if (found) return found;
    }
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const found = overlongString(item, max, `${path}.${key}`);
      if (found) return found;
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
