import { describe, expect, it } from "vitest";

import { printOrdersSubgraphSdl } from "../../src/resolvers/orders-subgraph.js";
import { composeSupergraph, composeSupergraphTheGuildWay } from "./support/supergraph.js";

// The @link names the lowest federation version that provides what the SDL uses, in both modes,
// and both compositions people run accept it: Apollo's (rover, GraphOS, @apollo/gateway) and The
// Guild's (Hive Gateway, Hive's registry).

const MODES = [
  { name: "default (PII_REQUIRES_SCOPES off)", requiresScopes: false, version: "v2.0" },
  { name: "PII_REQUIRES_SCOPES=on", requiresScopes: true, version: "v2.5" },
] as const;

const ORDERS_URL = "http://orders:4000/graphql";
/** Each composition: throws on any error (Apollo's also on any hint). */
const COMPOSE: Record<string, (sdl: string) => unknown> = {
  "@apollo/composition": (sdl) => composeSupergraph([{ name: "orders", url: ORDERS_URL, sdl }]),
  "The Guild's composition": (sdl) =>
    composeSupergraphTheGuildWay([{ name: "orders", url: ORDERS_URL, sdl }]),
};

// v2.0 is the first version of federation 2 (the first with @link): nothing lower to try there.
describe.each(MODES)("$name", ({ requiresScopes, version }) => {
  it(`links federation ${version}`, async () => {
    const sdl = await printOrdersSubgraphSdl({ requiresScopes });
    const linked = /@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/(v[\d.]+)"/.exec(sdl);
    expect(linked?.[1]).toBe(version);
  });

  it.each(Object.keys(COMPOSE))("composes cleanly with %s", async (composition) => {
    const sdl = await printOrdersSubgraphSdl({ requiresScopes });
    expect(() => COMPOSE[composition]!(sdl)).not.toThrow();
  });
});

describe("v2.5 is the lowest version with @requiresScopes", () => {
  it.each(Object.keys(COMPOSE))("with v2.4 linked instead, %s refuses the SDL", async (composition) => {
    const sdl = (await printOrdersSubgraphSdl({ requiresScopes: true })).replace(
      "federation/v2.5",
      "federation/v2.4",
    );
    expect(sdl).toContain("federation/v2.4");
    expect(() => COMPOSE[composition]!(sdl)).toThrow(/Cannot import unknown element "@requiresScopes"/);
  });
});
