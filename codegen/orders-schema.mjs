// GraphQL Code Generator's schema input: the executable subgraph schema from the build (`npm run build`).
export default import("../dist/resolvers/orders-subgraph.js").then((built) =>
  built.buildOrdersSubgraphSchema(),
);
