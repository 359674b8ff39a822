// Cross-cutting observability (Prometheus metrics, OpenTelemetry traces). Imports only src/shared/, so
// every layer may call in; the layers hand over plain values (names, codes), never their own types.
export { admissionWaitStarted } from "./admission-wait.js";
export { graphqlRequestAnswered, graphqlSpanPlugin, traceGraphqlRequest } from "./graphql-request.js";
export { traceLogFields } from "./log-trace-fields.js";
export {
  recordAdmissionRejection,
  recordBudgetHold,
  recordBudgetRefusal,
  recordBudgetWait,
  recordCacheRequest,
  recordCircuitState,
  type CacheKind,
} from "./metrics.js";
export { createMetricsServer } from "./metrics-server.js";
export { observeTokenRefresh } from "./token-refresh.js";
export { startTracing, type Tracing } from "./tracing.js";
export { observeUpstreamExchange } from "./upstream-exchange.js";
