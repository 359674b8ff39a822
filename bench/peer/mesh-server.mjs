// The peer a user might pick instead of this subgraph for one WeChat list call: Hive Gateway's runtime
// (@graphql-hive/gateway-runtime) serving a GraphQL Mesh JSON Schema source (@omnigraph/json-schema, the
// REST handler of Mesh) over the WeChat simulator's product/order/get_list. Its types are inferred from a
// sample request and a real sample answer; the access token is fetched once at start-up.
import { createServer } from "node:http";

import { createGatewayRuntime } from "@graphql-hive/gateway-runtime";
import { loadNonExecutableGraphQLSchemaFromJSONSchemas } from "@omnigraph/json-schema";

const { wechatUrl, appid, secret } = JSON.parse(process.env.BENCH_PEER_CONFIG);

const post = async (path, body) => {
  const response = await fetch(`${wechatUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return response.json();
};
const { access_token: token } = await post("/cgi-bin/stable_token", {
  grant_type: "client_credential",
  appid,
  secret,
  force_refresh: false,
});
const requestSample = {
  start_create_time: "2026-01-01 00:00:00",
  end_create_time: "2026-01-02 00:00:00",
  status: 100,
  page: 1,
  page_size: 20,
};
// A real answer as the response sample: the last 30 days (China time), WeChat's longest sensible window.
const china = (ms) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");
const responseSample = await post(`/product/order/get_list?access_token=${token}`, {
  ...requestSample,
  start_create_time: china(Date.now() - 30 * 86_400_000),
  end_create_time: china(Date.now()),
});
if (responseSample.errcode !== 0 || !responseSample.orders?.length) {
  throw new Error(`no sample answer from get_list: ${JSON.stringify(responseSample).slice(0, 200)}`);
}

const schema = await loadNonExecutableGraphQLSchemaFromJSONSchemas("wechat", {
  endpoint: wechatUrl,
  operations: [
    {
      type: "Query",
      field: "miniStoreOrders",
      path: `/product/order/get_list?access_token=${token}`,
      method: "POST",
      requestSample,
      requestTypeName: "MiniStoreOrderListInput",
      responseSample,
      responseTypeName: "MiniStoreOrderList",
    },
  ],
});

const gateway = createGatewayRuntime({ subgraph: schema, logging: false, landingPage: false });
const server = createServer(gateway);
server.listen(0, "127.0.0.1", () => process.send({ ready: true, port: server.address().port }));
process.on("disconnect", () => process.exit(0));
