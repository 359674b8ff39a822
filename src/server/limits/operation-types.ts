// The subgraph serves queries only. graphql-js would accept a mutation or subscription document and
// fail it during execution with a code-less error (answered as an internal error); this rule makes it
// the client's validation error it is.
import { GraphQLError, type ASTVisitor, type ValidationContext } from "graphql";

export function supportedOperationTypesRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (context.getSchema().getRootType(node.operation)) return;
      context.reportError(
        new GraphQLError(`This service serves queries only; a ${node.operation} cannot be executed.`, {
          nodes: [node],
        }),
      );
    },
  };
}
