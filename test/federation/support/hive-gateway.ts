import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { createGatewayRuntime, type GatewayConfigSupergraph } from "@graphql-hive/gateway-runtime";

import { type GatewayClient, postGraphQL } from "./gateway-client.js";
import { hivePropagateHeaders } from "./header-forwarding.js";

export interface HiveGatewayOptions {
  /** A composed supergraph (by The Guild's composition, or Apollo's): served as given. */
  supergraphSdl: string;
  /** The orders subgraph's ROUTER_SECRET, sent to it as `Router-Authorization`. */
  routerSecret?: string;
  /** Hive Gateway's generic auth plugin (`@envelop/generic-auth`), e.g. granular mode. */
  genericAuth?: GatewayConfigSupergraph["genericAuth"];
}

/** Runs Hive Gateway's runtime (what the `hive-gateway` CLI serves) in-process on a loopback port. */
export async function startHiveGateway(options: HiveGatewayOptions): Promise<GatewayClient> {
  const gateway = createGatewayRuntime({
    supergraph: options.supergraphSdl,
    propagateHeaders: hivePropagateHeaders(options.routerSecret),
    ...(options.genericAuth ? { genericAuth: options.genericAuth } : {}),
    logging: "error",
  });
  const server = createServer(gateway);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return {
    url,
    query: (query, variables, headers) => postGraphQL(url, query, variables, headers),
    async close() {
      const closed = once(server, "close");
      server.close();
      server.closeAllConnections();
      await closed;
      await gateway.dispose();
    },
  };
}
