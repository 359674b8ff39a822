// OpenTelemetry tracing, configured only by the standard OTEL_* variables. Off unless an OTLP traces
// endpoint is set: then the SDK is not even loaded, and every span helper returns after one boolean
// test. Instrumentation is manual (no undici auto-instrumentation), so no URL with WeChat's
// `access_token` query parameter — nor any other request detail we did not choose — reaches a span.
import { context, propagation, trace, type Tracer } from "@opentelemetry/api";

// Type only: the SDK module itself is imported (dynamically) only when tracing is on.
import type { TracesProtocol } from "./tracer-provider.js";

const SERVICE_NAME = "weixin-orders-subgraph";

let enabled = false;

/** True between `startTracing()` and `Tracing.shutdown()`; span helpers do nothing otherwise. */
export const tracingEnabled = (): boolean => enabled;

export const tracer = (): Tracer => trace.getTracer(SERVICE_NAME);

type Env = Record<string, string | undefined>;

const value = (text: string | undefined) => text?.trim() || undefined;

/** Whether the environment asks for traces: an OTLP endpoint set, and neither the SDK nor the exporter turned off. */
export function tracesRequested(env: Env): boolean {
  if (value(env.OTEL_SDK_DISABLED)?.toLowerCase() === "true") return false;
  if (value(env.OTEL_TRACES_EXPORTER)?.toLowerCase() === "none") return false;
  return value(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT) !== undefined;
}

/** `OTEL_EXPORTER_OTLP_TRACES_PROTOCOL`, else `OTEL_EXPORTER_OTLP_PROTOCOL`, else the spec's default `http/protobuf`. */
export function tracesProtocol(env: Env): TracesProtocol {
  const variable = value(env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL)
    ? "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"
    : "OTEL_EXPORTER_OTLP_PROTOCOL";
  const protocol = value(env[variable]);
  if (protocol === undefined || protocol === "http/protobuf" || protocol === "http/json") {
    return protocol ?? "http/protobuf";
  }
  // gRPC would pull in @grpc/grpc-js for a protocol every collector and router also accepts over HTTP.
  throw new Error(`${variable}=${protocol} is not supported: use http/protobuf (default) or http/json`);
}

export interface Tracing {
  protocol: TracesProtocol;
  /** Exports every finished span now (tests; shutdown does it too). */
  flush(): Promise<void>;
  /** Exports what is left and unregisters the SDK, so spans cost nothing again. */
  shutdown(): Promise<void>;
}

/**
 * Starts tracing when the environment (default `process.env`, which the SDK also reads for endpoint,
 * headers, timeouts, sampler and resource) asks for it; resolves to undefined when it does not.
 * Throws on an unsupported protocol so a misconfiguration stops start-up instead of losing traces.
 */
export async function startTracing(env: Env = process.env): Promise<Tracing | undefined> {
  if (!tracesRequested(env)) return undefined;
  const protocol = tracesProtocol(env);
  const { startTracerProvider } = await import("./tracer-provider.js");
  const provider = await startTracerProvider(protocol, SERVICE_NAME);
  enabled = true;
  return {
    protocol,
    flush: () => provider.forceFlush(),
    async shutdown() {
      enabled = false;
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
