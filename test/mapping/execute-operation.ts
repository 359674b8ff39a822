// Runs the operations of test/operations/*.graphql against the built subgraph schema, as the server would.
import { readdirSync, readFileSync } from "node:fs";

import { execute, type ExecutionResult, type GraphQLSchema, parse, validate } from "graphql";

import { buildOrdersSubgraphSchema } from "../../src/resolvers/orders-subgraph.js";
import type { OrdersContext } from "../../src/orders/context.js";

const operationsDir = new URL("../operations/", import.meta.url);

/** Every operation and fragment of test/operations, as one document. */
const operationsDocument = parse(
  readdirSync(operationsDir)
    .filter((name) => name.endsWith(".graphql"))
    .sort()
    .map((name) => readFileSync(new URL(name, operationsDir), "utf8"))
    .join("\n"),
);

let schema: Promise<GraphQLSchema> | undefined;
export const subgraphSchema = () => (schema ??= buildOrdersSubgraphSchema());

export async function executeOperation(
  operationName: string,
  variables: Record<string, unknown>,
  contextValue: OrdersContext,
): Promise<ExecutionResult> {
  const built = await subgraphSchema();
  const errors = validate(built, operationsDocument);
  if (errors.length > 0) throw new Error(`invalid operations: ${errors.map((e) => e.message).join("; ")}`);
  return execute({
    schema: built,
    document: operationsDocument,
    operationName,
    variableValues: variables,
    contextValue,
  });
}
