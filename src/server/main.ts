// `npm start`: load the configuration (or exit 1 saying what is wrong), start the simulators in demo
// mode, serve, and on SIGTERM/SIGINT drain and exit 0 within the shutdown deadline.
import "reflect-metadata";

import { existsSync } from "node:fs";

import { weixin12315StatusCodes } from "../datasources/weixin12315/status.js";
import { startSimulators, type RunningSimulators } from "../simulators/index.js";
import { startTracing, type Tracing } from "../telemetry/index.js";
import { createOrdersServer } from "./app.js";
import { ConfigError, loadConfig, type Config } from "./config.js";
import { createLogger } from "./logger.js";

/** Demo mode: both sources point at the in-process simulators, with the simulators' credentials. */
function pointAtSimulators(config: Config, simulators: RunningSimulators): Config {
  const { wechat, weixin12315 } = config.simulators;
  return {
    ...config,
    wechat: {
      apiBase: simulators.wechat.url,
      tokenMode: "stable",
      appId: wechat.appid,
      secret: wechat.secret,
    },
    weixin12315: {
      apiBase: simulators.weixin12315.url,
      appId: weixin12315.appId,
      appSecret: weixin12315.appSecret,
      statusCodes: weixin12315StatusCodes(),
    },
  };
}

/** A wildcard bind address (`0.0.0.0`, `::`) is no URL anyone can open: print localhost instead. */
function reachable(url: string): string {
  return url.replace(/^http:\/\/(0\.0\.0\.0|\[::\])(?=:)/, "http://localhost");
}

function exampleCurl(graphqlUrl: string): string {
  const body = JSON.stringify({
    query: "{ orders(first: 3) { totalCount nodes { ... on OrderCommon { id status } } } }",
  });
  return `curl -s ${graphqlUrl} -H 'content-type: application/json' -d '${body}'`;
}

async function main(): Promise<void> {
  // A local .env fills in what the environment leaves unset (the environment wins).
  if (existsSync(".env")) process.loadEnvFile(".env");
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  const logger = createLogger(config);
  for (const warning of config.warnings) logger.warn(warning);
  // Before the server: spans need the SDK registered. Off (nothing loaded) without an OTLP endpoint.
  const tracing: Tracing | undefined = await startTracing();
  if (tracing) logger.info({ protocol: tracing.protocol }, "tracing on: exporting spans over OTLP");

  let simulators: RunningSimulators | undefined;
  if (config.demoMode) {
    const { seed, orderCount, wechat, weixin12315 } = config.simulators;
    simulators = await startSimulators({
      ...(seed !== undefined ? { seed } : {}),
      ...(orderCount !== undefined ? { orderCount } : {}),
      wechat: { appid: wechat.appid, secret: wechat.secret, port: 0 },
      weixin12315: { appId: weixin12315.appId, appSecret: weixin12315.appSecret, port: 0 },
    });
    config = pointAtSimulators(config, simulators);
    logger.warn(
      { wechat: simulators.wechat.url, weixin12315: simulators.weixin12315.url },
      "DEMO MODE: no upstream credentials configured, serving orders from the in-process simulators",
    );
  }

  const server = await createOrdersServer(config, { logger });
  const url = reachable(await server.listen());
  logger.info(
    {
      url: `${url}/graphql`,
      ...(server.metricsUrl() ? { metrics: `${reachable(server.metricsUrl()!)}/metrics` } : {}),
      demoMode: config.demoMode,
      sources: { MINI_STORE: !!config.wechat, WEIXIN12315: !!config.weixin12315 },
      try: exampleCurl(`${url}/graphql`),
    },
    "orders subgraph listening",
  );

  const shutdown = (signal: NodeJS.Signals) => {
    logger.info(
      { signal, deadlineMs: config.shutdownTimeoutMs },
      "shutting down: draining in-flight operations",
    );
    setTimeout(() => {
      logger.error({ deadlineMs: config.shutdownTimeoutMs }, "shutdown deadline exceeded, exiting");
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    (async () => {
      await server.close();
      await simulators?.close();
      await tracing?.shutdown();
    })().then(
      () => {
        logger.info("stopped");
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}

main().catch((error: unknown) => {
  console.error("orders subgraph failed to start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
