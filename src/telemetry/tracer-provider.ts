// The OpenTelemetry SDK, loaded (dynamic import) only when tracing is on. The exporters read the
// endpoint, headers, timeout and compression from OTEL_EXPORTER_OTLP_*; the provider reads the sampler
// (OTEL_TRACES_SAMPLER, default parentbased_always_on) and the batch settings (OTEL_BSP_*).
import {
  defaultResource,
  detectResources,
  envDetector,
  resourceFromAttributes,
} from "@opentelemetry/resources";
import { BatchSpanProcessor, NodeTracerProvider, type SpanExporter } from "@opentelemetry/sdk-trace-node";

/** The OTLP-over-HTTP encodings supported (gRPC is not: see `tracesProtocol`). */
export type TracesProtocol = "http/protobuf" | "http/json";

async function exporterFor(protocol: TracesProtocol): Promise<SpanExporter> {
  const { OTLPTraceExporter } =
    protocol === "http/json"
      ? await import("@opentelemetry/exporter-trace-otlp-http")
      : await import("@opentelemetry/exporter-trace-otlp-proto");
  return new OTLPTraceExporter();
}

/** A registered provider (global tracer, AsyncLocalStorage context, W3C trace-context propagation). */
export async function startTracerProvider(
  protocol: TracesProtocol,
  serviceName: string,
): Promise<NodeTracerProvider> {
  // OTEL_SERVICE_NAME / OTEL_RESOURCE_ATTRIBUTES override our default name.
  const resource = defaultResource()
    .merge(resourceFromAttributes({ "service.name": serviceName }))
    .merge(detectResources({ detectors: [envDetector] }));
  const provider = new NodeTracerProvider({
    resource,
    spanProcessors: [new BatchSpanProcessor(await exporterFor(protocol))],
  });
  provider.register();
  return provider;
}
