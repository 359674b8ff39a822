// GraphQL Code Generator's schema input: the executable subgraph schema from the build (`npm run build`).
export default import("../dist/schema/build-federated-schema.js").then((built) =>
  built.buildOrdersSubgraphSchema(),
);
