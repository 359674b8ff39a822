// The Prometheus metrics of the service, in one registry of their own (not prom-client's global one,
// so a library registering metrics cannot collide with ours). Every label takes values from a small
// fixed set: source names, endpoint names from our code, contract error codes — never ids or text
// a caller chose.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

import type { OrderSourceName } from "../shared/order-source.js";

export const metricsRegistry = new Registry();

/** Upstreams answer in tens of milliseconds on a good day and up to their timeouts on a bad one. */
const DURATION_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

const upstreamRequests = new Counter({
  name: "orders_upstream_requests_total",
  help: "HTTP requests sent to an upstream (every retry attempt counts), by outcome: ok or the contract error code",
  labelNames: ["source", "endpoint", "outcome"] as const,
  registers: [metricsRegistry],
});

const upstreamDuration = new Histogram({
  name: "orders_upstream_request_duration_seconds",
  help: "Duration of one HTTP request to an upstream, from sending to the validated body",
  labelNames: ["source", "endpoint"] as const,
  buckets: DURATION_BUCKETS,
  registers: [metricsRegistry],
});

const tokenRefreshes = new Counter({
  name: "orders_token_refreshes_total",
  help: "WeChat access token fetches by this replica, by outcome: ok or the contract error code",
  labelNames: ["outcome"] as const,
  registers: [metricsRegistry],
});

const circuitState = new Gauge({
  name: "orders_circuit_state",
  help: "Upstream circuit breaker per source: 0 closed, 1 half-open, 2 open (isolated counts as open)",
  labelNames: ["source"] as const,
  registers: [metricsRegistry],
});

const admissionQueueDepth = new Gauge({
  name: "orders_admission_queue_depth",
  help: "GraphQL operations waiting for an execution slot",
  registers: [metricsRegistry],
});

const admissionRejections = new Counter({
  name: "orders_admission_rejections_total",
  help: "GraphQL operations refused with 503 SERVICE_OVERLOADED because the wait queue was full",
  registers: [metricsRegistry],
});

const budgetWaits = new Counter({
  name: "orders_upstream_budget_waits_total",
  help: "Upstream calls that waited for the fleet's per-minute call budget (WECHAT_CALLS_PER_MINUTE, WX12315_CALLS_PER_MINUTE)",
  labelNames: ["source"] as const,
  registers: [metricsRegistry],
});

const budgetRefusals = new Counter({
  name: "orders_upstream_budget_refusals_total",
  help: "Upstream calls refused without being sent (UPSTREAM_RATE_LIMITED), by reason: budget, or quota-hold after WeChat's 45011",
  labelNames: ["source", "reason"] as const,
  registers: [metricsRegistry],
});

const budgetHolds = new Counter({
  name: "orders_upstream_budget_holds_total",
  help: "Per-minute quota answers (WeChat 45011) that held the source's calls on every replica until the next minute",
  labelNames: ["source"] as const,
  registers: [metricsRegistry],
});

const cacheRequests = new Counter({
  name: "orders_cache_requests_total",
  help: "Upstream cache lookups, by kind (list page, order) and outcome: hit, miss, or bypass (a fresh read asked for)",
  labelNames: ["kind", "outcome"] as const,
  registers: [metricsRegistry],
});

const graphqlRequests = new Counter({
  name: "orders_graphql_requests_total",
  help: "GraphQL requests answered, by outcome: ok or the first error code of the response",
  labelNames: ["outcome"] as const,
  registers: [metricsRegistry],
});

const graphqlDuration = new Histogram({
  name: "orders_graphql_request_duration_seconds",
  help: "Duration of a GraphQL request including the wait for admission, by result: ok or error",
  labelNames: ["result"] as const,
  buckets: DURATION_BUCKETS,
  registers: [metricsRegistry],
});

export type CircuitStateName = "closed" | "half-open" | "open" | "isolated";

const CIRCUIT_STATE_VALUE: Record<CircuitStateName, number> = {
  closed: 0,
  "half-open": 1,
  open: 2,
  isolated: 2,
};

/** Error codes come from our own formatting; anything else is folded so the label set stays bounded. */
const ERROR_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;
const outcomeLabel = (code: string | undefined): string =>
  code === undefined ? "ok" : ERROR_CODE.test(code) ? code : "OTHER";

export interface UpstreamRequestObservation {
  source: OrderSourceName;
  endpoint: string;
  /** Undefined for success, else the contract error code. */
  code?: string;
  durationSeconds: number;
}

export function recordUpstreamRequest({
  source,
  endpoint,
  code,
  durationSeconds,
}: UpstreamRequestObservation) {
  upstreamRequests.inc({ source, endpoint, outcome: outcomeLabel(code) });
  upstreamDuration.observe({ source, endpoint }, durationSeconds);
}

export function recordTokenRefresh(code: string | undefined) {
  tokenRefreshes.inc({ outcome: outcomeLabel(code) });
}

export function recordCircuitState(source: OrderSourceName, state: CircuitStateName) {
  circuitState.set({ source }, CIRCUIT_STATE_VALUE[state]);
}

export function recordAdmissionQueueChange(delta: 1 | -1) {
  admissionQueueDepth.inc(delta);
}

export type CacheKind = "list" | "order";

export function recordCacheRequest(kind: CacheKind, outcome: "hit" | "miss" | "bypass") {
  cacheRequests.inc({ kind, outcome });
}

export function recordAdmissionRejection() {
  admissionRejections.inc();
}

export function recordBudgetWait(source: OrderSourceName) {
  budgetWaits.inc({ source });
}

export function recordBudgetRefusal(source: OrderSourceName, reason: "budget" | "quota-hold") {
  budgetRefusals.inc({ source, reason });
}

export function recordBudgetHold(source: OrderSourceName) {
  budgetHolds.inc({ source });
}

export function recordGraphqlRequest(code: string | undefined, durationSeconds: number) {
  graphqlRequests.inc({ outcome: outcomeLabel(code) });
  graphqlDuration.observe({ result: code === undefined ? "ok" : "error" }, durationSeconds);
}

let processMetrics = false;

/** Node's default process metrics (CPU, memory, event loop lag, GC), registered once per process. */
export function collectProcessMetrics() {
  if (processMetrics) return;
  processMetrics = true;
  collectDefaultMetrics({ register: metricsRegistry });
}
