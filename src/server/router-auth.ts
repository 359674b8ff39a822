// Router-only access: with ROUTER_SECRET set, /graphql answers only requests whose
// `Router-Authorization` header carries that secret (the router adds it; clients never see it).
import { createHash, timingSafeEqual } from "node:crypto";

import type { FastifyReply, FastifyRequest } from "fastify";

import { graphqlErrorBody } from "./format-error.js";

const ROUTER_AUTH_HEADER = "router-authorization";

const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();

/** Constant-time comparison: both sides are hashed first, so lengths never differ and nothing leaks. */
export function routerSecretMatches(provided: string | string[] | undefined, secret: string): boolean {
  return typeof provided === "string" && timingSafeEqual(digest(provided), digest(secret));
}

/** The `onRequest` hook of /graphql; rejects with 401 and a GraphQL-shaped error before the body is read. */
export function routerAuthHook(secret: string) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (routerSecretMatches(request.headers[ROUTER_AUTH_HEADER], secret)) return;
    request.log.warn({ status: 401 }, "rejected: Router-Authorization missing or wrong");
    const message =
      "This subgraph accepts requests from the router only (Router-Authorization missing or wrong).";
    await reply.code(401).send(graphqlErrorBody(message, "UNAUTHENTICATED"));
  };
}
