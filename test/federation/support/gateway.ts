import { ApolloGateway, RemoteGraphQLDataSource } from "@apollo/gateway";
import { ApolloServer, type ApolloServerPlugin, type GraphQLRequestMetrics } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";

/** A decoded query-plan trace: fetch nodes carry each subgraph's own ftv1 trace. */
export type QueryPlanTrace = NonNullable<GraphQLRequestMetrics["queryPlanTrace"]>;

export interface GatewayOptions {
  supergraphSdl: string;
  /** Headers the gateway adds to every subgraph request (e.g. `Router-Authorization`). */
  subgraphHeaders?: Record<string, string>;
  /**
   * Ask subgraphs for federated traces, as a router does when it reports usage: the gateway then
   * sends `apollo-federation-include-trace: ftv1` and decodes each subgraph's `extensions.ftv1`.
   */
  captureTraces?: boolean;
}

export interface GraphQLResponseBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface RunningGateway {
  url: string;
  query(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponseBody>;
  /** The query-plan trace of each operation run with `captureTraces`, oldest first. */
  queryPlanTraces(): QueryPlanTrace[];
  close(): Promise<void>;
}

const ROUTER_ONLY_SECURITY_LINK =
  /(@link\(url: "https:\/\/specs\.apollo\.dev\/(?:authenticated|requiresScopes|policy)\/v\d+\.\d+"), for: SECURITY\)/g;

/**
 * @apollo/gateway refuses any supergraph that links an authorization feature `for: SECURITY`
 * ("feature …/requiresScopes/v0.1 is for: SECURITY but is unsupported"): only the Apollo Router
 * enforces `@authenticated`, `@requiresScopes` and `@policy`. The orders subgraph masks buyer data
 * itself, so for the gateway those links are demoted to ordinary ones; nothing else changes.
 */
export function supergraphForGateway(supergraphSdl: string): string {
  return supergraphSdl.replace(ROUTER_ONLY_SECURITY_LINK, "$1)");
}

/** Runs `@apollo/gateway` over a composed supergraph on an ephemeral loopback port. */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const traces: QueryPlanTrace[] = [];
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphForGateway(options.supergraphSdl),
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource({
        url,
        willSendRequest({ request }) {
          for (const [name, value] of Object.entries(options.subgraphHeaders ?? {})) {
            request.http?.headers.set(name, value);
          }
        },
      }),
  });
  const captureTraces: ApolloServerPlugin = {
    async requestDidStart({ metrics }) {
      metrics.captureTraces = true;
      return {
        async willSendResponse({ metrics: done }) {
          if (done.queryPlanTrace) traces.push(done.queryPlanTrace);
        },
      };
    },
  };
  const server = new ApolloServer({ gateway, plugins: options.captureTraces ? [captureTraces] : [] });
  const { url } = await startStandaloneServer(server, { listen: { host: "127.0.0.1", port: 0 } });
  return {
    url,
    async query(query, variables) {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResponseBody;
    },
    queryPlanTraces: () => traces,
    close: () => server.stop(),
  };
}
