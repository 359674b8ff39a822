import { composeServices } from "@apollo/composition";
import { composeServices as composeServicesTheGuildWay } from "@theguild/federation-composition";
import { parse } from "graphql";

export interface SubgraphEndpoint {
  name: string;
  /** The subgraph's GraphQL endpoint, as a router would call it. */
  url: string;
  /** Extra headers for the introspection call (e.g. `Router-Authorization`). */
  headers?: Record<string, string>;
}

/** Reads a subgraph's SDL the way `rover subgraph introspect` does: `{ _service { sdl } }` over HTTP. */
export async function fetchSubgraphSdl(endpoint: SubgraphEndpoint): Promise<string> {
  const response = await fetch(endpoint.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...endpoint.headers },
    body: JSON.stringify({ query: "{ _service { sdl } }" }),
  });
  const body = (await response.json()) as { data?: { _service?: { sdl?: string } }; errors?: unknown };
  const sdl = body.data?._service?.sdl;
  if (response.status !== 200 || typeof sdl !== "string") {
    throw new Error(`${endpoint.name}: no _service.sdl (HTTP ${response.status}): ${JSON.stringify(body)}`);
  }
  return sdl;
}

/**
 * Composes subgraphs into a supergraph with Apollo's own composition. Any error fails, and so
 * does any hint whose code is not in `allowedHints` (code → why it is acceptable).
 */
export function composeSupergraph(
  subgraphs: { name: string; url: string; sdl: string }[],
  allowedHints: Record<string, string> = {},
): { supergraphSdl: string; hints: { code: string; message: string }[] } {
  const result = composeServices(
    subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })),
  );
  if (result.errors) throw compositionFailed(result.errors);
  const hints = result.hints.map((h) => ({ code: h.definition.code, message: h.message }));
  const unexplained = hints.filter((h) => !(h.code in allowedHints));
  if (unexplained.length > 0) {
    throw new Error(
      `unexplained composition hints:\n${unexplained.map((h) => `- ${h.code}: ${h.message}`).join("\n")}`,
    );
  }
  return { supergraphSdl: result.supergraphSdl, hints };
}

/**
 * Composes subgraphs with The Guild's composition (`@theguild/federation-composition`, what Hive
 * Gateway and Hive's registry compose with). Any error fails.
 */
export function composeSupergraphTheGuildWay(
  subgraphs: { name: string; url: string; sdl: string }[],
): string {
  const result = composeServicesTheGuildWay(
    subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })),
  );
  if (result.errors) throw compositionFailed(result.errors);
  return result.supergraphSdl;
}

function compositionFailed(errors: readonly { message: string }[]): Error {
  return new Error(`composition failed:\n${errors.map((e) => `- ${e.message}`).join("\n")}`);
}
