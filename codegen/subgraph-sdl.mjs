// A codegen plugin that writes the subgraph SDL exactly as `_service { sdl }` returns it (federation
// directives and @link included), which schema-ast's printer cannot reproduce.
export async function plugin() {
  const built = await import("../dist/resolvers/orders-subgraph.js");
  return `${(await built.printOrdersSubgraphSdl()).trimEnd()}\n`;
}
