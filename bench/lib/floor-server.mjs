// Child process: the floor. A bare node:http server that, for each request, makes exactly the upstream
// calls recorded from the subgraph for that scenario (same endpoints, same bodies, same pages), all at
// once through a pool as large as the subgraph's, reads every response body, and answers a few bytes.
// No parsing, no mapping, no GraphQL: what is left is the upstream work plus one loopback HTTP hop.
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";

import { Pool } from "undici";

import { DEFAULT_HTTP_TUNING } from "../../dist/datasources/http/tuning.js";
import { signWeixin12315Request } from "../../dist/datasources/weixin12315/sign.js";
import { SIMULATORS } from "./settings.mjs";

const { urls } = JSON.parse(process.env.BENCH_FLOOR_CONFIG);
const pools = {
  wechat: new Pool(urls.wechat, { connections: DEFAULT_HTTP_TUNING.concurrency }),
  weixin12315: new Pool(urls.weixin12315, { connections: DEFAULT_HTTP_TUNING.concurrency }),
};
// A business answer that is not a success starts like this (both upstreams answer HTTP 200).
const SUCCESS = { wechat: /^\{"errcode":0[,}]/, weixin12315: /^\{"return_code":"0"/ };

const accessToken = await wechatToken();
/** scenario → pages → calls ({sim, path, body, params}). */
let plans = {};

async function wechatToken() {
  const { appid, secret } = SIMULATORS.wechat;
  const { body } = await pools.wechat.request({
    method: "POST",
    path: "/cgi-bin/stable_token",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ grant_type: "client_credential", appid, secret, force_refresh: false }),
  });
  const token = (await body.json()).access_token;
  if (typeof token !== "string") throw new Error("the WeChat simulator gave the floor no access token");
  return token;
}

const nonce = () => randomUUID().replaceAll("-", "");
const now = () => new Date();

function headersOf(call) {
  if (call.sim === "wechat") return { "content-type": "application/json" };
  const { appId, appSecret } = SIMULATORS.weixin12315;
  return {
    "content-type": "application/json",
    ...signWeixin12315Request(call.params, { appId, appSecret, now, nonce }),
  };
}

async function perform(call) {
  const path = call.sim === "wechat" ? `${call.path}?access_token=${accessToken}` : call.path;
  const { statusCode, body } = await pools[call.sim].request({
    method: "POST",
    path,
    headers: headersOf(call),
    body: call.body,
  });
  const text = await body.text();
  if (statusCode !== 200 || !SUCCESS[call.sim].test(text)) {
    throw new Error(`${call.sim} ${call.path} answered ${statusCode}: ${text.slice(0, 200)}`);
  }
  return Buffer.byteLength(text);
}

const server = createServer((req, res) => {
  const [, scenario, page = "0"] = req.url.split("/");
  const calls = plans[scenario]?.[Number(page)];
  req.resume();
  if (!calls) {
    res.writeHead(404).end(`no plan for ${req.url}`);
    return;
  }
  Promise.all(calls.map(perform)).then(
    (sizes) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(`{"calls":${calls.length},"bytes":${sizes.reduce((a, b) => a + b, 0)}}`);
    },
    (error) => {
      res.writeHead(502, { "content-type": "text/plain" }).end(String(error.message));
    },
  );
});

process.on("message", (message) => {
  if (message.cmd !== "plans") return;
  plans = message.plans;
  for (const pages of Object.values(plans)) {
    for (const call of pages.flat())
      call.params = call.sim === "weixin12315" ? JSON.parse(call.body) : undefined;
  }
  process.send({ id: message.id });
});
process.on("disconnect", () => process.exit(0));

server.listen(0, "127.0.0.1", () => process.send({ ready: true, port: server.address().port }));
