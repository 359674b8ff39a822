// The service: fastify 5 + Apollo Server 5 serving the orders subgraph at /graphql, with /health and
// /ready beside it. Everything a production deployment needs is wired here, in one readable place.
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import type { IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

import { ApolloServer } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from "@as-integrations/fastify";
import cors from "@fastify/cors";
import Fastify, { LogController, type FastifyInstance, type FastifyRequest } from "fastify";
import type { GraphQLSchema } from "graphql";
import { Redis } from "ioredis";

import { createUpstreamCache, type UpstreamCache } from "../cache/index.js";
import { closeUpstreamSources, createUpstreamSources, type UpstreamSources } from "../datasources/index.js";
import { paginationSettingsFrom } from "../orders/settings.js";
import { buildOrdersSubgraphSchema } from "../resolvers/orders-subgraph.js";
import { createMetricsServer, graphqlSpanPlugin, traceGraphqlRequest } from "../telemetry/index.js";
import { OperationAdmission } from "./admission.js";
import type { Config } from "./config.js";
import {
  createRequestContext,
  newOperationRecord,
  type OperationRecord,
  type ServerContext,
} from "./context.js";
import { createFormatError, graphqlErrorBody } from "./format-error.js";
import { compiledExecution } from "./compiled-execution.js";
import { checkReadiness } from "./health.js";
import { limitsPlugin } from "./limits/cost-limits.js";
import { nestingGuard } from "./limits/nesting-guard.js";
import { limitValidationRules } from "./limits/selection-limits.js";
import { configuredSecrets, createLogger, type Logger } from "./logger.js";
import { observeOperation, operationLogPlugin } from "./operation-log.js";
import { withPersonalDataMasking } from "./personal-data-schema.js";
import { routerAuthHook } from "./router-auth.js";
import { sandboxExample } from "./sandbox-example.js";

export interface OrdersServerDeps {
  logger?: Logger;
  /** The subgraph schema before masking; default `buildOrdersSubgraphSchema()` as configured. */
  schema?: GraphQLSchema;
  /** Upstream clients owned by the caller; default: built from `config` and closed by `close()`. */
  sources?: UpstreamSources;
}

export interface OrdersServer {
  config: Config;
  logger: Logger;
  fastify: FastifyInstance;
  apollo: ApolloServer<ServerContext>;
  sources: UpstreamSources;
  /** Listens on `config.host:config.port`; resolves to the base URL (`http://host:port`). */
  listen(): Promise<string>;
  /** Base URL of `/metrics` once listening, when `METRICS_PORT` is set. */
  metricsUrl(): string | undefined;
  /** Graceful stop: refuse new requests, let in-flight operations finish, close pools and Redis. */
  close(): Promise<void>;
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;
const READY_TIMEOUT_MS = 5_000;
/**
 * One client for the WeChat token store, the call budgets and the upstream cache. Redis is an optimisation
 * shared by replicas, never a dependency of a request: a command fails at once while disconnected (no
 * offline queue, no per-request retries) or after a short timeout when Redis hangs, and its users fall
 * back to this process (shared/redis-fallback.ts) until it is back.
 */
const REDIS_CLIENT_OPTIONS = {
  lazyConnect: false,
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  commandTimeout: 500,
} as const;
const REDIS_CONNECT_WAIT_MS = 2_000;

/** A caller's `x-request-id` is kept when it is a sane token (it ends up in logs); otherwise a fresh UUID. */
function requestIdOf(req: IncomingMessage): string {
  const header = req.headers["x-request-id"];
  return typeof header === "string" && REQUEST_ID.test(header) ? header : randomUUID();
}

function upstreamClients(
  config: Config,
  logger: Logger,
  redis: Redis | undefined,
  cache: UpstreamCache,
): UpstreamSources {
  const { wechat, weixin12315 } = config;
  return createUpstreamSources({
    logger,
    http: config.upstream,
    budget: config.budget,
    ...(redis ? { redis } : {}),
    cache,
    ...(wechat && {
      miniStore: {
        baseUrl: wechat.apiBase,
        credentials:
          wechat.tokenMode === "static"
            ? { mode: "static", accessToken: wechat.accessToken! }
            : { mode: wechat.tokenMode, appid: wechat.appId!, secret: wechat.secret! },
      },
    }),
    ...(weixin12315 && {
      weixin12315: {
        baseUrl: weixin12315.apiBase,
        appId: weixin12315.appId,
        appSecret: weixin12315.appSecret,
      },
    }),
  });
}

export async function createOrdersServer(config: Config, deps: OrdersServerDeps = {}): Promise<OrdersServer> {
  const logger = deps.logger ?? createLogger(config);
  const redis =
    config.redisUrl && !deps.sources ? new Redis(config.redisUrl, REDIS_CLIENT_OPTIONS) : undefined;
  // One warning per outage, not one per reconnection attempt.
  let redisDown = false;
  redis?.on("error", (err: Error) => {
    logger[redisDown ? "debug" : "warn"]({ err }, "redis connection error");
    redisDown = true;
  });
  redis?.on("ready", () => {
    redisDown = false;
  });
  // A Redis that is up is used from the first request; one that is down delays start-up by this much only.
  if (redis)
    await once(redis, "ready", { signal: AbortSignal.timeout(REDIS_CONNECT_WAIT_MS) }).catch(() => {});
  const { upstreamCache } = config;
  const cache = createUpstreamCache({
    ttlSeconds: upstreamCache.ttlSeconds,
    maxBytes: upstreamCache.maxBytes,
    redis: redis ? { client: redis, keyPrefix: upstreamCache.keyPrefix } : undefined,
    logger,
  });
  const sources = deps.sources ?? upstreamClients(config, logger, redis, cache);
  const pagination = paginationSettingsFrom(config);
  const schema = withPersonalDataMasking(
    deps.schema ?? (await buildOrdersSubgraphSchema({ requiresScopes: config.personalData.requiresScopes })),
  );

  // Typed with fastify's base logger (pino is one) so the Apollo integration's helpers accept it.
  const fastify: FastifyInstance = Fastify({
    loggerInstance: logger,
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: "requestId" }),
    bodyLimit: config.limits.maxBodyBytes,
    genReqId: requestIdOf,
  }) as unknown as FastifyInstance;

  const apollo = new ApolloServer<ServerContext>({
    gateway: compiledExecution(schema, config.graphqlJitFromRun),
    nodeEnv: config.nodeEnv,
    logger,
    introspection: config.introspection,
    hideSchemaDetailsFromClientErrors: !config.introspection,
    includeStacktraceInErrorResponses: false,
    formatError: createFormatError({
      secrets: configuredSecrets(config),
      exposeDetail: !config.isProduction,
    }),
    csrfPrevention: true,
    // We stop on signals ourselves (main.ts), to drain and close pools and exit 0.
    stopOnTerminationSignals: false,
    maxRecursiveSelections: true,
    parseOptions: { maxTokens: config.limits.maxTokens },
    validationRules: limitValidationRules(config.limits),
    plugins: [
      fastifyApolloDrainPlugin(fastify),
      limitsPlugin(config.limits),
      operationLogPlugin(logger),
      graphqlSpanPlugin(),
      // The subgraph sets no cache hints; the default plugin would still wrap every field (~11% CPU).
      ApolloServerPluginCacheControlDisabled(),
      config.landingPage
        ? ApolloServerPluginLandingPageLocalDefault({
            embed: true,
            includeCookies: false,
            document: sandboxExample,
            headers: { [config.personalData.scopeHeader]: "orders:pii" },
          })
        : ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();

  let draining = false;
  fastify.addHook("onRequest", async (request, reply) => {
    void reply.header("x-request-id", request.id);
  });
  // Node closes only the connections idle when the server closes; a keep-alive connection whose
  // request was in flight must be told to close, or draining waits for its keep-alive timeout.
  fastify.addHook("onSend", async (_request, reply) => {
    if (draining) void reply.header("connection", "close");
  });
  if (config.corsOrigins.length > 0) {
    await fastify.register(cors, {
      origin: config.corsOrigins,
      methods: ["GET", "POST"],
      exposedHeaders: ["x-request-id"],
    });
  }

  fastify.setErrorHandler(async (error: Error & { statusCode?: number }, request, reply) => {
    const status =
      error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 600
        ? error.statusCode
        : 500;
    if (status >= 500) {
      request.log.error({ err: error }, "request failed");
      return reply.code(status).send(graphqlErrorBody("Internal server error", "INTERNAL_SERVER_ERROR"));
    }
    const code =
      status === 413 ? "PAYLOAD_TOO_LARGE" : status === 415 ? "UNSUPPORTED_MEDIA_TYPE" : "BAD_REQUEST";
    const message =
      status === 415
        ? `Unsupported content type ${JSON.stringify(request.headers["content-type"]?.slice(0, 100) ?? "")}: send application/json.`
        : error.message;
    request.log.info({ status, errorCodes: [code] }, "bad request");
    return reply.code(status).send(graphqlErrorBody(message, code));
  });
  fastify.setNotFoundHandler(async (request, reply) =>
    reply
      .code(404)
      .send(graphqlErrorBody(`No route ${request.method} ${request.url.split("?")[0]}`, "NOT_FOUND")),
  );

  fastify.get("/health", async () => ({ status: "ok" }));
  fastify.get("/ready", async (_request, reply) => {
    const report = await checkReadiness(sources, {
      demoMode: config.demoMode,
      timeoutMs: READY_TIMEOUT_MS,
      proofWindowMs: config.readyProofSeconds * 1000,
    });
    return reply.code(report.ready ? 200 : 503).send(report);
  });

  const admission = new OperationAdmission(config.admission);
  const records = new WeakMap<FastifyRequest, OperationRecord>();
  const handleGraphql = fastifyApolloHandler<ServerContext>(apollo, {
    context: async (request) =>
      createRequestContext({
        sources,
        personalData: config.personalData,
        pagination,
        requestId: request.id,
        headers: request.headers,
        operation: records.get(request) ?? newOperationRecord(),
      }),
  });
  fastify.route<{ Reply: string }>({
    method: ["GET", "POST"],
    url: "/graphql",
    ...(config.routerSecret ? { onRequest: routerAuthHook(config.routerSecret) } : {}),
    preHandler: nestingGuard(config.limits),
    handler: async function (request, reply) {
      const record = newOperationRecord();
      records.set(request, record);
      return traceGraphqlRequest(request, () =>
        observeOperation(request, reply, record, () =>
          admission.run(reply, async () => handleGraphql.call(this, request, reply)),
        ),
      );
    },
  });

  const metrics =
    config.metricsPort === undefined
      ? undefined
      : createMetricsServer({ host: config.host, port: config.metricsPort });
  let metricsUrl: string | undefined;
  let closing: Promise<void> | undefined;
  return {
    config,
    logger,
    fastify,
    apollo,
    sources,
    async listen() {
      await fastify.listen({ host: config.host, port: config.port });
      metricsUrl = await metrics?.listen();
      const { address, port } = fastify.server.address() as AddressInfo;
      return `http://${address.includes(":") ? `[${address}]` : address}:${port}`;
    },
    metricsUrl: () => metricsUrl,
    close() {
      closing ??= (async () => {
        draining = true;
        admission.close(); // work not started: 503 + Retry-After now, not after the backlog drains
        await apollo.stop(); // drain plugin: fastify stops accepting and waits for requests in flight
        if (!deps.sources) await closeUpstreamSources(sources);
        await metrics?.close();
        // Without an offline queue QUIT fails while Redis is down, and a Redis that never became ready
        // (refused password, unreachable) has nothing to flush: then just drop the connection.
        await cache.close();
        if (redis?.status === "ready") await redis.quit().catch(() => redis.disconnect());
        else redis?.disconnect();
      })();
      return closing;
    },
  };
}
