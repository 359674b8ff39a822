// When tracing starts, and with which protocol: only the standard OTEL_* variables decide.
import { describe, expect, it } from "vitest";

import { startTracing, tracesProtocol, tracesRequested } from "../../src/telemetry/tracing.js";

const ENDPOINT = "http://127.0.0.1:4318";

describe("tracesRequested", () => {
  it("is off without an OTLP endpoint, and when the SDK or the traces exporter is turned off", () => {
    expect(tracesRequested({})).toBe(false);
    expect(tracesRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: " " })).toBe(false);
    expect(tracesRequested({ OTEL_SERVICE_NAME: "orders", OTEL_TRACES_SAMPLER: "always_on" })).toBe(false);
    expect(tracesRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT })).toBe(true);
    expect(tracesRequested({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${ENDPOINT}/v1/traces` })).toBe(true);
    expect(tracesRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT, OTEL_SDK_DISABLED: "true" })).toBe(false);
    expect(tracesRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT, OTEL_TRACES_EXPORTER: "none" })).toBe(
      false,
    );
  });

  it("starts nothing when off", async () => {
    expect(await startTracing({ OTEL_SERVICE_NAME: "orders" })).toBeUndefined();
  });
});

describe("tracesProtocol", () => {
  it("defaults to http/protobuf; the traces-specific variable wins", () => {
    expect(tracesProtocol({})).toBe("http/protobuf");
    expect(tracesProtocol({ OTEL_EXPORTER_OTLP_PROTOCOL: "http/json" })).toBe("http/json");
    expect(
      tracesProtocol({
        OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: "http/protobuf",
      }),
    ).toBe("http/protobuf");
  });

  it("refuses gRPC with a message naming the supported protocols", () => {
    expect(() => tracesProtocol({ OTEL_EXPORTER_OTLP_PROTOCOL: "grpc" })).toThrow(
      "OTEL_EXPORTER_OTLP_PROTOCOL=grpc is not supported: use http/protobuf (default) or http/json",
    );
  });
});
