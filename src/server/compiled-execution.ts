// Operations run by graphql-jit once their document is in repeated use. graphql-js builds a resolve
// info, an argument map and a dictionary-mode result object for every field of every order; on a
// list answer that was about half of a request's CPU, mostly garbage collection (docs/benchmarks.md).
// A compiled document runs the same resolvers (masking included) without those allocations.
// Apollo Server takes a custom executor only through its gateway interface; the schema is fixed.
import type { ApolloServerOptionsWithGateway, BaseContext } from "@apollo/server";
import {
  execute,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  printSchema,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
} from "graphql";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";

type Gateway = ApolloServerOptionsWithGateway<BaseContext>["gateway"];
type Executor = NonNullable<Awaited<ReturnType<Gateway["load"]>>["executor"]>;

const FEDERATED_TRACE_HEADER = "apollo-federation-include-trace";

interface DocumentRuns {
  runs: number;
  /** Per operation name; `null` when graphql-jit could not compile it (graphql-js keeps running it). */
  compiled: Map<string | undefined, CompiledQuery | null>;
}

/**
 * graphql-jit's errors carry no `extensions` object when the original error had none; Apollo and
 * the error formatter expect graphql-js errors, so each is rebuilt as one (same message, path,
 * locations and original error).
 */
function asGraphqlJsError(error: GraphQLError): GraphQLError {
  const rebuilt = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions,
  });
  // graphql-js derives locations from AST nodes, which graphql-jit does not keep; its line/column pairs are the same.
  return Object.defineProperty(rebuilt, "locations", { value: error.locations, enumerable: true });
}

/**
 * graphql-jit leaves a list item that failed unset (the list ends early when the failed items are the
 * last ones); graphql-js sets it to null. Each error's path leads to such an item when there is one.
 */
function nullFailedListItems(data: unknown, errors: readonly GraphQLError[]): void {
  for (const { path } of errors) {
    let current = data;
    for (const key of path ?? []) {
      if (current === null || typeof current !== "object") break;
      if (Array.isArray(current) && typeof key === "number" && current[key] === undefined) {
        current[key] = null;
        break;
      }
      current = (current as Record<string | number, unknown>)[key];
    }
  }
}

/**
 * Apollo's gateway interface over a fixed schema, executing with graphql-jit (see the file comment)
 * from a document's `fromRun`-th run (config `GRAPHQL_JIT_FROM_RUN`): compiling costs about ten
 * executions of a large document, so a document sent once or twice never pays for it.
 */
export function compiledExecution(schema: GraphQLSchema, fromRun: number): Gateway {
  // Keyed by the parsed document Apollo keeps in its document store, so entries live as long as it does.
  const documents = new WeakMap<DocumentNode, DocumentRuns>();

  function compiledFor(document: DocumentNode, operationName: string | undefined): CompiledQuery | null {
    let entry = documents.get(document);
    if (!entry) documents.set(document, (entry = { runs: 0, compiled: new Map() }));
    entry.runs += 1;
    if (entry.runs < fromRun) return null;
    let compiled = entry.compiled.get(operationName);
    if (compiled === undefined) {
      const result = compileQuery(schema, document, operationName);
      compiled = isCompiledQuery(result) ? result : null;
      entry.compiled.set(operationName, compiled);
    }
    return compiled;
  }

  const executor: Executor = async ({ document, request, context }) => {
    // The client's operation name (Apollo's resolved one is null for an unknown name; graphql-js reports that).
    const name = request.operationName;
    const graphqlJs = () =>
      execute({
        schema,
        document,
        contextValue: context,
        variableValues: request.variables,
        operationName: name,
      });
    // A federated trace (ftv1) times every field through Apollo's resolver wrappers: graphql-js runs those.
    if (request.http?.headers.get(FEDERATED_TRACE_HEADER) === "ftv1") return graphqlJs();
    const compiled = compiledFor(document, name);
    if (!compiled) return graphqlJs();
    // Variables are checked by graphql-js, whose messages Apollo recognises as BAD_USER_INPUT (400).
    const operation = getOperationAST(document, name);
    const coercion = getVariableValues(schema, operation?.variableDefinitions ?? [], request.variables ?? {});
    if (coercion.errors) return { errors: coercion.errors };
    const result: ExecutionResult = await compiled.query(undefined, context, request.variables);
    if (!result.errors) return result;
    nullFailedListItems(result.data, result.errors);
    return { ...result, errors: result.errors.map(asGraphqlJsError) };
  };

  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => {};
    },
    load: async () => ({ executor }),
    stop: async () => {},
  };
}
