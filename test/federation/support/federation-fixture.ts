import { startTestStack, type TestStack } from "../../support/stack.js";
import { type CustomerRecord, startCustomersSubgraph } from "./customers-subgraph.js";
import { fetchSubgraphSdl } from "./supergraph.js";

/** What every gateway test composes: the orders subgraph (over the simulators) and the customers one. */
export interface FederationFixture {
  stack: TestStack;
  /** The one customer, holding orders of both sources. */
  customer: CustomerRecord;
  routerSecret: string;
  /** Both subgraphs with the SDL each serves (`_service { sdl }`), as rover would introspect them. */
  subgraphs: { name: string; url: string; sdl: string }[];
  close(): Promise<void>;
}

const ROUTER_SECRET = "gateway-matrix-router-secret-81f3";

/** Starts both subgraphs on loopback; `env` configures the orders subgraph (e.g. PII_REQUIRES_SCOPES). */
export async function startFederationFixture(env: Record<string, string> = {}): Promise<FederationFixture> {
  const stack = await startTestStack({ env: { ROUTER_SECRET, ...env }, orderCount: 120 });
  const [first] = stack.wechat.orders();
  const customer: CustomerRecord = {
    openid: first!.openid,
    displayName: "顾客 #1",
    storeCreditFen: 100,
    miniStoreOrderIds: stack.wechat
      .orders()
      .filter((o) => o.openid === first!.openid)
      .slice(0, 3)
      .map((o) => o.order_id.toString()),
    weixin12315OrderNumbers: stack.weixin12315
      .orders()
      .slice(0, 2)
      .map((o) => o.ordernumber),
  };
  const customersSubgraph = await startCustomersSubgraph([customer]);
  const endpoints = [
    { name: "orders", url: `${stack.url}/graphql`, headers: { "router-authorization": ROUTER_SECRET } },
    { name: "customers", url: customersSubgraph.url },
  ];
  const subgraphs = await Promise.all(
    endpoints.map(async (e) => ({ name: e.name, url: e.url, sdl: await fetchSubgraphSdl(e) })),
  );
  return {
    stack,
    customer,
    routerSecret: ROUTER_SECRET,
    subgraphs,
    async close() {
      await customersSubgraph.close();
      await stack.close();
    },
  };
}
