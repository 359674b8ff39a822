// Child process: both simulators on loopback, with what the benchmark needs to see of their traffic:
// response body bytes per simulator, and (while recording) every business call's endpoint and body,
// so the floor can replay exactly the calls a GraphQL request made. Talks to the runner over IPC.
import dc from "node:diagnostics_channel";

import { parseChinaLocalTime } from "../../dist/shared/china-time.js";
import { startWechatSimulator } from "../../dist/simulators/wechat/index.js";
import { startWeixin12315Simulator } from "../../dist/simulators/weixin12315/index.js";
import { SIMULATORS } from "./settings.mjs";

const bytes = { wechat: 0, weixin12315: 0 };
let recording = undefined;

const wechat = await startWechatSimulator({ ...SIMULATORS.wechat, port: 0 });
const weixin12315 = await startWeixin12315Simulator({ ...SIMULATORS.weixin12315, port: 0 });
const simByPort = new Map([
  [wechat.port, "wechat"],
  [weixin12315.port, "weixin12315"],
]);

// Observes the simulators' own HTTP servers without a proxy hop: no added latency.
dc.subscribe("http.server.request.start", ({ request, response, server }) => {
  const sim = simByPort.get(server.address()?.port);
  const path = request.url.split("?")[0];
  if (!sim || path.startsWith("/__sim")) return;
  const end = response.end;
  response.end = function (chunk, ...rest) {
    if (chunk) bytes[sim] += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.length;
    return end.call(this, chunk, ...rest);
  };
  if (!recording) return;
  const log = recording;
  const chunks = [];
  // A second reader of the body: 'data' fires as the simulator's own iterator reads it.
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", () => log.push({ sim, path, body: Buffer.concat(chunks).toString("utf8") }));
});

const statsOf = () => ({
  wechat: structuredClone(wechat.stats()),
  weixin12315: structuredClone(weixin12315.stats()),
});

process.on("message", (message) => {
  const reply = (body) => process.send({ id: message.id, ...body });
  switch (message.cmd) {
    case "snapshot":
      return reply({ stats: statsOf(), bytes: { ...bytes } });
    case "clock":
      return reply({ now: wechat.now().getTime() });
    case "record":
      recording = [];
      return reply({});
    case "takeRecording": {
      const calls = recording ?? [];
      recording = message.keepRecording ? [] : undefined;
      return reply({ calls });
    }
    case "stop":
      return Promise.all([wechat.close(), weixin12315.close()]).then(() => {
        reply({});
        process.disconnect();
      });
  }
});
process.on("disconnect", () => process.exit(0));

process.send({
  ready: true,
  urls: { wechat: wechat.url, weixin12315: weixin12315.url },
  orders: orderIndex(),
});

/** What the scenarios need to know of the seeded shops: creation instants and keys, newest first. */
function orderIndex() {
  const miniStore = wechat.orders({ source: 1 }).map((o) => ({
    source: "MINI_STORE",
    key: String(o.order_id),
    status: o.status,
    createdAt: parseChinaLocalTime(o.create_time).getTime(),
  }));
  const mall = weixin12315.orders().map((o) => ({
    source: "WEIXIN12315",
    key: o.ordernumber,
    createdAt: parseChinaLocalTime(o.ordertime).getTime(),
  }));
  return { miniStore, weixin12315: mall, now: wechat.now().getTime() };
}
