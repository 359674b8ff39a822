/**
 * The whole service on loopback for tests: both simulators (seeded, small) and the subgraph server on
 * an ephemeral port, configured through `loadConfig` exactly as a deployment with real credentials
 * would be (the API bases point at the simulators).
 *
 *   const stack = await startTestStack();                 // in beforeAll
 *   const { status, data, errors } = await stack.graphql(`{ order(id: "…") { __typename } }`);
 *   stack.wechat.stats().calls                            // upstream calls seen by the simulator
 *   await stack.close();                                  // in afterAll
 *
 * The upstream cache is off unless `env` gives `UPSTREAM_CACHE_TTL_SECONDS`.
 * Options: `env` adds or overrides environment variables (e.g. `{ ROUTER_SECRET: "…" }`,
 * `{ NODE_ENV: "production", CURSOR_SECRET: "…" }`, `{ LOG_LEVEL: "debug" }`); `orderCount` (default
 * 400) and `seed` (default 7) shape both simulators' data; `wechat`/`weixin12315` pass simulator options
 * (credentials given there are also the ones the server is configured with).
 * Requests sent with `stack.graphql` carry the router secret when one is configured, and the PII scope
 * only when asked: `stack.graphql(query, variables, stack.piiHeaders)`. Every log line the server writes
 * is captured in `stack.logLines` (raw JSON text) and `stack.logs()` (parsed).
 */
import { Writable } from "node:stream";

import type { GraphQLFormattedError } from "graphql";

import { createOrdersServer, type OrdersServer } from "../../src/server/app.js";
import { loadConfig, type Config } from "../../src/server/config.js";
import { createLogger } from "../../src/server/logger.js";
import {
  startSimulators,
  type WechatSimulator,
  type WechatSimulatorOptions,
  type Weixin12315Simulator,
  type Weixin12315SimulatorOptions,
} from "../../src/simulators/index.js";

/** Credentials the stack's simulators accept; long and distinctive so leak checks can search for them. */
export const TEST_CREDENTIALS = {
  wechatAppid: "wxstack00000000001",
  wechatSecret: "stack-wechat-secret-7c1e9b04f2",
  wx12315AppId: "stack12315app",
  wx12315AppSecret: "stack-12315-secret-3fa8d6e215",
} as const;

export interface TestStackOptions {
  env?: Record<string, string | undefined>;
  orderCount?: number;
  seed?: number;
  wechat?: Partial<WechatSimulatorOptions>;
  weixin12315?: Partial<Weixin12315SimulatorOptions>;
}

export interface GraphqlResponse<TData = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data?: TData | null;
  errors?: GraphQLFormattedError[];
  extensions?: Record<string, unknown>;
}

export interface TestStack {
  /** Base URL of the server, e.g. `http://127.0.0.1:40123` (GraphQL at `${url}/graphql`). */
  url: string;
  config: Config;
  server: OrdersServer;
  wechat: WechatSimulator;
  weixin12315: Weixin12315Simulator;
  /** Headers that grant the `orders:pii` scope (buyer personal data unmasked). */
  piiHeaders: Record<string, string>;
  /** POST /graphql with a JSON body; the response parsed, with status and headers. */
  graphql<TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphqlResponse<TData>>;
  /** Raw log lines written so far (JSON text, one per line). */
  logLines: string[];
  logs(): Record<string, unknown>[];
  close(): Promise<void>;
}

export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const wechatOptions = {
    appid: TEST_CREDENTIALS.wechatAppid,
    secret: TEST_CREDENTIALS.wechatSecret,
    ...options.wechat,
  };
  const wx12315Options = {
    appId: TEST_CREDENTIALS.wx12315AppId,
    appSecret: TEST_CREDENTIALS.wx12315AppSecret,
    ...options.weixin12315,
  };
  const simulators = await startSimulators({
    seed: options.seed ?? 7,
    orderCount: options.orderCount ?? 400,
    wechat: wechatOptions,
    weixin12315: wx12315Options,
  });
  try {
    const config = loadConfig({
      NODE_ENV: "test",
      HOST: "127.0.0.1",
      PORT: "0",
      LOG_LEVEL: "info",
      WECHAT_API_BASE: simulators.wechat.url,
      WECHAT_APPID: wechatOptions.appid,
      WECHAT_SECRET: wechatOptions.secret,
      WX12315_API_BASE: simulators.weixin12315.url,
      WX12315_APP_ID: wx12315Options.appId,
      WX12315_APP_SECRET: wx12315Options.appSecret,
      // Most tests count upstream calls of one request or change orders between requests: they read
      // fresh. Tests of the cache (and the churn tests, also with it) turn it on with a freshness.
      UPSTREAM_CACHE_TTL_SECONDS: "0",
      // CI runs the suite once more with graphql-jit executing every document from its first run.
      ...(process.env.GRAPHQL_JIT_FROM_RUN && { GRAPHQL_JIT_FROM_RUN: process.env.GRAPHQL_JIT_FROM_RUN }),
      ...options.env,
    });
    const logLines: string[] = [];
    const capture = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
        done();
      },
    });
    const server = await createOrdersServer(config, { logger: createLogger(config, capture) });
    const url = await server.listen();
    const routerHeaders: Record<string, string> = config.routerSecret
      ? { "router-authorization": config.routerSecret }
      : {};

    return {
      url,
      config,
      server,
      wechat: simulators.wechat,
      weixin12315: simulators.weixin12315,
      piiHeaders: { [config.personalData.scopeHeader]: "orders:pii" },
      async graphql<TData>(
        query: string,
        variables?: Record<string, unknown>,
        headers: Record<string, string> = {},
      ) {
        const response = await fetch(`${url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", ...routerHeaders, ...headers },
          body: JSON.stringify({ query, ...(variables ? { variables } : {}) }),
        });
        const body = (await response.json()) as Omit<GraphqlResponse<TData>, "status" | "headers">;
        return { status: response.status, headers: response.headers, ...body };
      },
      logLines,
      logs: () => logLines.map((line) => JSON.parse(line) as Record<string, unknown>),
      async close() {
        await server.close();
        await simulators.close();
      },
    };
  } catch (error) {
    await simulators.close();
    throw error;
  }
}
