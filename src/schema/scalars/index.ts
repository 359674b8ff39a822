export { DateTimeScalar, parseRfc3339 } from "./date-time.scalar.js";
export { SafeIntScalar } from "./safe-int.scalar.js";
