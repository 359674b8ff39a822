// Upstream integers (counts, fen, codes) may exceed Int's 32 bits; SafeInt covers ±(2^53 - 1) exactly.
export { GraphQLSafeInt as SafeIntScalar } from "graphql-scalars";
