import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { GatewayClient } from "./support/gateway-client.js";
import { itAnswersLikeTheSubgraph } from "./support/gateway-answers.js";
import { startGateway } from "./support/gateway.js";
import { type FederationFixture, startFederationFixture } from "./support/federation-fixture.js";
import { SCOPE_HEADER } from "./support/header-forwarding.js";
import { startHiveGateway } from "./support/hive-gateway.js";
import { composeSupergraph, composeSupergraphTheGuildWay } from "./support/supergraph.js";

// PII_REQUIRES_SCOPES=on behind Hive Gateway with its generic auth plugin in granular mode: the
// gateway itself refuses buyer personal data to a caller without `orders:pii`, serves it to one with
// the scope, and the subgraph masks as before.

let fixture: FederationFixture;

beforeAll(async () => {
  fixture = await startFederationFixture({ PII_REQUIRES_SCOPES: "on" });
});

afterAll(async () => {
  await fixture?.close();
});

/**
 * The caller's scopes. A real deployment resolves the user from a verified token (e.g. Hive
 * Gateway's JWT plugin: `resolveUserFn: (ctx) => ctx.jwt?.payload`); the test's callers state theirs
 * in the header the gateway also forwards to the subgraph.
 */
const GENERIC_AUTH = {
  mode: "protect-granular",
  rejectUnauthenticated: false,
  resolveUserFn: ({ request }: { request: Request }) => {
    const scopes = request.headers.get(SCOPE_HEADER);
    return scopes ? { scope: scopes.split(/[\s,]+/) } : null;
  },
} as const;

const BUYER_DATA_QUERY = `query ($number: String!) {
  orderByNumber(source: MINI_STORE, orderNumber: $number) {
    __typename
    ... on OrderCommon {
      orderNumber
      buyerOpenid
      deliveryInfo { ... on DeliveryInfoCommon { phone } }
    }
    ... on MiniStoreOrder { asObject: buyerOpenid }
  }
}`;

describe("the orders subgraph itself, with PII_REQUIRES_SCOPES=on", () => {
  it("publishes @requiresScopes and still masks buyer data unless the scope header grants it", async () => {
    const sdl = fixture.subgraphs.find((s) => s.name === "orders")!.sdl;
    expect(sdl).toContain('@requiresScopes(scopes: [["orders:pii"]])');
    const variables = { number: fixture.customer.miniStoreOrderIds[0] };
    const query = `query ($number: String!) {
      orderByNumber(source: MINI_STORE, orderNumber: $number) { ... on OrderCommon { buyerOpenid } }
    }`;
    const granted = await fixture.stack.graphql(query, variables, fixture.stack.piiHeaders);
    const masked = await fixture.stack.graphql(query, variables);
    expect(granted.data).toEqual({ orderByNumber: { buyerOpenid: fixture.customer.openid } });
    const maskedOpenid = (masked.data?.orderByNumber as { buyerOpenid: string }).buyerOpenid;
    expect(maskedOpenid).not.toBe(fixture.customer.openid);
    expect(maskedOpenid).toEqual(expect.any(String));
  });
});

describe("@apollo/gateway, with PII_REQUIRES_SCOPES=on", () => {
  it("refuses to start, as docs/federation.md says (leave the variable off for it)", async () => {
    await expect(
      startGateway({ supergraph: { sdl: composeSupergraph(fixture.subgraphs).supergraphSdl } }),
    ).rejects.toThrow(
      "feature https://specs.apollo.dev/requiresScopes/v0.1 is for: SECURITY but is unsupported",
    );
  });
});

describe("Hive Gateway without generic auth, with PII_REQUIRES_SCOPES=on", () => {
  it("loads, ignores the directive, and the subgraph still masks for a caller without the scope", async () => {
    const gateway = await startHiveGateway({
      supergraphSdl: composeSupergraphTheGuildWay(fixture.subgraphs),
      routerSecret: fixture.routerSecret,
    });
    try {
      const variables = { number: fixture.customer.miniStoreOrderIds[0] };
      const answer = await gateway.query(BUYER_DATA_QUERY, variables);
      expect(answer).toEqual({ data: (await fixture.stack.graphql(BUYER_DATA_QUERY, variables)).data });
      expect(answer.data).not.toMatchObject({ orderByNumber: { buyerOpenid: fixture.customer.openid } });
    } finally {
      await gateway.close();
    }
  });
});

const SUPERGRAPHS: Record<string, () => string> = {
  "The Guild's composition": () => composeSupergraphTheGuildWay(fixture.subgraphs),
  "@apollo/composition": () => composeSupergraph(fixture.subgraphs).supergraphSdl,
};

describe.each(Object.keys(SUPERGRAPHS))("Hive Gateway with generic auth, supergraph from %s", (name) => {
  let gateway: GatewayClient;

  beforeAll(async () => {
    gateway = await startHiveGateway({
      supergraphSdl: SUPERGRAPHS[name]!(),
      routerSecret: fixture.routerSecret,
      genericAuth: GENERIC_AUTH,
    });
  });

  afterAll(async () => {
    await gateway?.close();
  });

  it("refuses the buyer-data fields to a caller without the scope, on the object and through OrderCommon", async () => {
    const variables = { number: fixture.customer.miniStoreOrderIds[0] };
    const callers: Record<string, string>[] = [{}, { [SCOPE_HEADER]: "orders:read" }];
    for (const headers of callers) {
      const answer = await gateway.query(BUYER_DATA_QUERY, variables, headers);
      // null, where the subgraph would have answered a masked value: the gateway removed the fields.
      expect(answer.data).toEqual({
        orderByNumber: {
          __typename: "MiniStoreOrder",
          orderNumber: variables.number,
          buyerOpenid: null,
          deliveryInfo: { phone: null },
          asObject: null,
        },
      });
      expect(answer.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
        [["orderByNumber", "buyerOpenid"], "UNAUTHORIZED_FIELD_OR_TYPE"],
        [["orderByNumber", "deliveryInfo", "phone"], "UNAUTHORIZED_FIELD_OR_TYPE"],
        [["orderByNumber", "asObject"], "UNAUTHORIZED_FIELD_OR_TYPE"],
      ]);
    }
  });

  it("serves them, unmasked, to a caller with the scope", async () => {
    const variables = { number: fixture.customer.miniStoreOrderIds[0] };
    const answer = await gateway.query(BUYER_DATA_QUERY, variables, fixture.stack.piiHeaders);
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual(
      (await fixture.stack.graphql(BUYER_DATA_QUERY, variables, fixture.stack.piiHeaders)).data,
    );
    expect(answer.data).toMatchObject({ orderByNumber: { buyerOpenid: fixture.customer.openid } });
  });

  itAnswersLikeTheSubgraph({
    gateway: () => gateway,
    stack: () => fixture.stack,
    customer: () => fixture.customer,
    callers: { "with the buyer-data scope": () => fixture.stack.piiHeaders },
  });
});
