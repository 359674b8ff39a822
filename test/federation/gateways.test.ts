import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { GatewayClient } from "./support/gateway-client.js";
import { itAnswersLikeTheSubgraph } from "./support/gateway-answers.js";
import { startGateway } from "./support/gateway.js";
import { type FederationFixture, startFederationFixture } from "./support/federation-fixture.js";
import { startHiveGateway } from "./support/hive-gateway.js";
import { composeSupergraph, composeSupergraphTheGuildWay } from "./support/supergraph.js";

// The gateways people run, each composing the orders subgraph (default settings: no
// @requiresScopes) with a second subgraph, with no edit of the SDL or the supergraph, all on
// loopback. Each forwards the caller's buyer-data scope and the router secret as docs/federation.md
// shows, and must answer exactly what the orders subgraph answers, masked or not.

let fixture: FederationFixture;

beforeAll(async () => {
  fixture = await startFederationFixture();
});

afterAll(async () => {
  await fixture?.close();
});

const GATEWAYS: Record<string, () => Promise<GatewayClient>> = {
  "@apollo/gateway, IntrospectAndCompose": () =>
    startGateway({
      supergraph: { introspect: fixture.subgraphs.map(({ name, url }) => ({ name, url })) },
      routerSecret: fixture.routerSecret,
    }),
  "@apollo/gateway, supergraph from @apollo/composition": () =>
    startGateway({
      supergraph: { sdl: composeSupergraph(fixture.subgraphs).supergraphSdl },
      routerSecret: fixture.routerSecret,
    }),
  "Hive Gateway, supergraph from The Guild's composition": () =>
    startHiveGateway({
      supergraphSdl: composeSupergraphTheGuildWay(fixture.subgraphs),
      routerSecret: fixture.routerSecret,
    }),
  "Hive Gateway, supergraph from @apollo/composition": () =>
    startHiveGateway({
      supergraphSdl: composeSupergraph(fixture.subgraphs).supergraphSdl,
      routerSecret: fixture.routerSecret,
    }),
};

const CALLERS = {
  "with the buyer-data scope": () => fixture.stack.piiHeaders,
  "without it": () => ({}),
};

it("the subgraph's answers differ by caller (so forwarding the scope is what unmasks)", async () => {
  const query = `query ($number: String!) {
    orderByNumber(source: MINI_STORE, orderNumber: $number) { ... on OrderCommon { buyerOpenid } }
  }`;
  const variables = { number: fixture.customer.miniStoreOrderIds[0] };
  const [withScope, without] = await Promise.all(
    Object.values(CALLERS).map((headers) => fixture.stack.graphql(query, variables, headers())),
  );
  expect(withScope!.data).toEqual({ orderByNumber: { buyerOpenid: fixture.customer.openid } });
  expect(without!.data).not.toEqual(withScope!.data);
});

it("the supergraph links only link and join: nothing an Apollo Router without a licence refuses", () => {
  // An unlicensed Apollo Router refuses licensed features such as the authorization directives
  // (linked `for: SECURITY`); with PII_REQUIRES_SCOPES off, composition links none of them.
  for (const supergraphSdl of [
    composeSupergraph(fixture.subgraphs).supergraphSdl,
    composeSupergraphTheGuildWay(fixture.subgraphs),
  ]) {
    const links = [
      ...supergraphSdl.matchAll(/@link\(url: "https:\/\/specs\.apollo\.dev\/([\w-]+)\/v[\d.]+"/g),
    ];
    expect(new Set(links.map(([, feature]) => feature))).toEqual(new Set(["link", "join"]));
    expect(supergraphSdl).not.toMatch(/requiresScopes|for: SECURITY/);
  }
});

describe.each(Object.keys(GATEWAYS))("%s", (name) => {
  let gateway: GatewayClient;

  beforeAll(async () => {
    gateway = await GATEWAYS[name]!();
  });

  afterAll(async () => {
    await gateway?.close();
  });

  itAnswersLikeTheSubgraph({
    gateway: () => gateway,
    stack: () => fixture.stack,
    customer: () => fixture.customer,
    callers: CALLERS,
  });
});
