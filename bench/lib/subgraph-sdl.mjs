// Prints the built subgraph's SDL (exactly what `_service { sdl }` serves) to stdout. Run as a short
// child process by the runner, so the scenarios and the baseline use the schema of the build under test
// (not a possibly stale schema.graphql) without loading TypeGraphQL into the runner or the baseline.
import { printOrdersSubgraphSdl } from "../../dist/resolvers/orders-subgraph.js";

process.stdout.write(await printOrdersSubgraphSdl());
