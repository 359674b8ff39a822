import { ApolloGateway, IntrospectAndCompose } from "@apollo/gateway";
import { ApolloServer, type ApolloServerPlugin, type GraphQLRequestMetrics } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";

import { type GatewayClient, postGraphQL } from "./gateway-client.js";
import { clientScopeContext, type ClientScopeContext, forwardingDataSource } from "./header-forwarding.js";

/** A decoded query-plan trace: fetch nodes carry each subgraph's own ftv1 trace. */
export type QueryPlanTrace = NonNullable<GraphQLRequestMetrics["queryPlanTrace"]>;

export interface GatewayOptions {
  /**
   * A supergraph composed ahead (rover, `@apollo/composition`), or the subgraphs the gateway
   * introspects (`_service { sdl }`) and composes itself at start-up (`IntrospectAndCompose`).
   */
  supergraph: { sdl: string } | { introspect: { name: string; url: string }[] };
  /** The orders subgraph's ROUTER_SECRET, sent to it as `Router-Authorization`. */
  routerSecret?: string;
  /**
   * Ask subgraphs for federated traces, as a router does when it reports usage: the gateway then
   * sends `apollo-federation-include-trace: ftv1` and decodes each subgraph's `extensions.ftv1`.
   */
  captureTraces?: boolean;
}

export interface RunningGateway extends GatewayClient {
  /** The query-plan trace of each operation run with `captureTraces`, oldest first. */
  queryPlanTraces(): QueryPlanTrace[];
}

/** Runs `@apollo/gateway` in Apollo Server on an ephemeral loopback port. */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const traces: QueryPlanTrace[] = [];
  const { supergraph } = options;
  const gateway = new ApolloGateway({
    supergraphSdl:
      "sdl" in supergraph ? supergraph.sdl : new IntrospectAndCompose({ subgraphs: supergraph.introspect }),
    buildService: (service) => forwardingDataSource(service, options.routerSecret),
  });
  const captureTraces: ApolloServerPlugin<ClientScopeContext> = {
    async requestDidStart({ metrics }) {
      metrics.captureTraces = true;
      return {
        async willSendResponse({ metrics: done }) {
          if (done.queryPlanTrace) traces.push(done.queryPlanTrace);
        },
      };
    },
  };
  const server = new ApolloServer<ClientScopeContext>({
    gateway,
    plugins: options.captureTraces ? [captureTraces] : [],
  });
  const { url } = await startStandaloneServer(server, {
    listen: { host: "127.0.0.1", port: 0 },
    context: async ({ req }) => clientScopeContext(req.headers),
  });
  return {
    url,
    query: (query, variables, headers) => postGraphQL(url, query, variables, headers),
    queryPlanTraces: () => traces,
    close: () => server.stop(),
  };
}
