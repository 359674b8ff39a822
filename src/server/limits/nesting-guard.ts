// The first limit an operation meets, before Apollo parses it: how deeply its brackets nest.
import type { FastifyReply, FastifyRequest } from "fastify";

import type { Limits } from "../config.js";
import { graphqlErrorBody } from "../format-error.js";

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

/** How deeply arrays and objects nest in a JSON value (variables, extensions), without recursion. */
function valueDepthOf(value: unknown): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, depth] = next;
    if (item === null || typeof item !== "object") continue;
    deepest = Math.max(deepest, depth + 1);
    for (const inner of Object.values(item)) pending.push([inner, depth + 1]);
  }
  return deepest;
}

/** Brackets allowed per level of field depth (arguments, input objects, inline fragments), plus slack. */
const maxNestingFor = (limits: Limits) => limits.maxDepth * 4 + 16;

/** A JSON value's depth; GET carries variables and extensions as JSON text, measured by its brackets. */
const depthOf = (value: unknown) => (typeof value === "string" ? nestingDepthOf(value) : valueDepthOf(value));

/**
 * `preHandler` of /graphql: refuses a pathologically nested document before Apollo parses it, and
 * variables or extensions nested deeper than any input of the schema (every later walk over them,
 * ours or a library's, is then safe to recurse).
 */
export function nestingGuard(limits: Limits) {
  const maxNesting = maxNestingFor(limits);
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const params = (request.method === "GET" ? request.query : request.body) as
      { query?: unknown; variables?: unknown; extensions?: unknown } | undefined;
    let refusal: { code: string; message: string } | undefined;
    if (typeof params?.query === "string" && nestingDepthOf(params.query) > maxNesting) {
      refusal = {
        code: "GRAPHQL_PARSE_FAILED",
        message: `Query is nested too deeply: more than ${maxNesting} levels of brackets.`,
      };
    } else if (depthOf(params?.variables) > maxNesting || depthOf(params?.extensions) > maxNesting) {
      refusal = {
        code: "BAD_USER_INPUT",
        message: `Variables or extensions are nested too deeply: more than ${maxNesting} levels.`,
      };
    }
    if (!refusal) return;
    request.log.info({ status: 400, errorCodes: [refusal.code] }, "rejected: nesting too deep");
    const body = graphqlErrorBody(refusal.message, refusal.code);
    await reply.code(400).type("application/json; charset=utf-8").send(JSON.stringify(body));
  };
}
