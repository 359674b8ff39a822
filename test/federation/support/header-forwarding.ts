import { RemoteGraphQLDataSource } from "@apollo/gateway";
import type { GatewayConfigSupergraph } from "@graphql-hive/gateway-runtime";

// The header forwarding docs/federation.md documents for each gateway, here in code so the tests run
// exactly that: the caller's buyer-data scope goes to every subgraph, `Router-Authorization` (the
// orders subgraph's ROUTER_SECRET) only to the orders subgraph.

/** `PII_SCOPE_HEADER`'s default: the scopes the gateway granted the caller. */
export const SCOPE_HEADER = "x-orders-scopes";
/** The name this subgraph has in the supergraph (its `join__Graph` name). */
export const ORDERS_SUBGRAPH = "orders";

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

/** @apollo/gateway `buildService`: forwards the scope, and adds the router secret for orders only. */
export function forwardingDataSource(
  { name, url }: { name: string; url?: string },
  routerSecret?: string,
): RemoteGraphQLDataSource<ClientScopeContext> {
  return new RemoteGraphQLDataSource<ClientScopeContext>({
    url,
    willSendRequest({ request, context }) {
      if (context.scopes) request.http?.headers.set(SCOPE_HEADER, context.scopes);
      if (name === ORDERS_SUBGRAPH && routerSecret)
        request.http?.headers.set("Router-Authorization", routerSecret);
    },
  });
}

/** Hive Gateway `propagateHeaders`: the same rules. */
export function hivePropagateHeaders(routerSecret?: string): GatewayConfigSupergraph["propagateHeaders"] {
  return {
    fromClientToSubgraphs: ({ request, subgraphName }) => ({
      [SCOPE_HEADER]: request.headers.get(SCOPE_HEADER),
      ...(subgraphName === ORDERS_SUBGRAPH ? { "Router-Authorization": routerSecret } : {}),
    }),
  };
}
