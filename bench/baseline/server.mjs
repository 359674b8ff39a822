// Child process: the hand-written baseline. A minimal graphql-js server as a user might write it:
// node:http, `buildSchema` over the committed SDL, a root value and plain functions, `graphql()` per
// request. No TypeGraphQL, no Apollo, no fastify, no plugins, no limits, no masking, no logging.
// It reuses the subgraph's data layer (upstream clients, loaders, mapping, scalars and the pagination
// walker with its stream plans), so both servers make the same upstream calls and return the same
// data, and the comparison isolates the GraphQL/HTTP layer.
import { createServer } from "node:http";
import { readFileSync } from "node:fs";

import { buildSchema, graphql } from "graphql";
import { pino } from "pino";

import { createUpstreamSources } from "../../dist/datasources/index.js";
import { createOrderLoaders } from "../../dist/datasources/loaders.js";
import { SIMULATORS } from "../lib/settings.mjs";
import { createRootValue, wireSchema } from "./resolvers.mjs";

const { urls, cursorSecret, schemaFile } = JSON.parse(process.env.BENCH_BASELINE_CONFIG);

// The subgraph's own SDL (as `_service { sdl }` serves it), so both servers expose the same schema.
const schema = wireSchema(buildSchema(readFileSync(schemaFile, "utf8")));
const sources = createUpstreamSources({
  logger: pino({ level: "silent" }),
  miniStore: {
    baseUrl: urls.wechat,
    credentials: { mode: "stable", appid: SIMULATORS.wechat.appid, secret: SIMULATORS.wechat.secret },
  },
  weixin12315: {
    baseUrl: urls.weixin12315,
    appId: SIMULATORS.weixin12315.appId,
    appSecret: SIMULATORS.weixin12315.appSecret,
  },
});
const rootValue = createRootValue({ cursorSecret });

async function handle(req, res) {
  if (req.url === "/health") return send(res, 200, { status: "ok" });
  if (req.method !== "POST" || req.url !== "/graphql") return send(res, 404, { error: "not found" });
  let chunks = "";
  for await (const chunk of req) chunks += chunk;
  let body;
  try {
    body = JSON.parse(chunks);
  } catch {
    return send(res, 400, { errors: [{ message: "body is not JSON" }] });
  }
  const result = await graphql({
    schema,
    source: body.query,
    rootValue,
    contextValue: { loaders: createOrderLoaders(sources) },
    variableValues: body.variables,
    operationName: body.operationName,
  });
  send(res, 200, result);
}

function send(res, status, body) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

const server = createServer((req, res) => {
  handle(req, res).catch((error) =>
    send(res, 500, { errors: [{ message: String(error?.message ?? error) }] }),
  );
});
process.on("disconnect", () => process.exit(0));
server.listen(0, "127.0.0.1", () => process.send({ ready: true, port: server.address().port }));
