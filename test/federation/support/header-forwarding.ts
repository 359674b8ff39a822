import { RemoteGraphQLDataSource } from "@apollo/gateway";
import type { GatewayConfigSupergraph } from "@graphql-hive/gateway-runtime";

// The header forwarding docs/federation.md documents for each gateway, here in code so the tests run
// exactly that: the orders subgraph, and only it, gets the caller's buyer-data scope and
// `Router-Authorization` (its ROUTER_SECRET).

/** `PII_SCOPE_HEADER`'s default: the scopes the gateway granted the caller. */
export const SCOPE_HEADER = "x-orders-scopes";
/** The name this subgraph has in the supergraph (its `join__Graph` name). */
const ORDERS_SUBGRAPH = "orders";

/** @apollo/gateway: what each operation's context carries from the client's request. */
export interface ClientScopeContext {
  scopes?: string;
}

/** @apollo/gateway (Apollo Server's `context` function, given the request headers): keep the caller's scope. */
export function clientScopeContext(
  headers: Record<string, string | string[] | undefined>,
): ClientScopeContext {
  const scopes = headers[SCOPE_HEADER];
  return typeof scopes === "string" ? { scopes } : {};
}

/** @apollo/gateway `buildService`: the scope and the router secret, to the orders subgraph only. */
export function forwardingDataSource(
  { name, url }: { name: string; url?: string },
  routerSecret?: string,
): RemoteGraphQLDataSource<ClientScopeContext> {
  return new RemoteGraphQLDataSource<ClientScopeContext>({
    url,
    willSendRequest({ request, context }) {
      if (name !== ORDERS_SUBGRAPH) return;
      if (context.scopes) request.http?.headers.set(SCOPE_HEADER, context.scopes);
      if (routerSecret) request.http?.headers.set("Router-Authorization", routerSecret);
    },
  });
}

/** Hive Gateway `propagateHeaders`: the same rules. */
export function hivePropagateHeaders(routerSecret?: string): GatewayConfigSupergraph["propagateHeaders"] {
  return {
    fromClientToSubgraphs: ({ request, subgraphName }) =>
      subgraphName === ORDERS_SUBGRAPH
        ? { [SCOPE_HEADER]: request.headers.get(SCOPE_HEADER), "Router-Authorization": routerSecret }
        : {},
  };
}
