import { GraphQLError } from "graphql";

/** The contract's error for arguments a client must fix (bad sizes, cursors, filters). */
export function badUserInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT" } });
}
