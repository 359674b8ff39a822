// `/metrics` on a port of its own (METRICS_PORT): scrapers and the GraphQL clients never share a port,
// so the metrics are not reachable through the router and need no auth of the GraphQL kind.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { collectProcessMetrics, metricsRegistry } from "./metrics.js";

export interface MetricsServer {
  /** Listens; resolves to the base URL, e.g. `http://127.0.0.1:9464` (metrics at `${url}/metrics`). */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export function createMetricsServer(options: { host: string; port: number }): MetricsServer {
  collectProcessMetrics();
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path !== "/metrics" || (req.method !== "GET" && req.method !== "HEAD")) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found: GET /metrics\n");
      return;
    }
    metricsRegistry.metrics().then(
      (text) => res.writeHead(200, { "content-type": metricsRegistry.contentType }).end(text),
      () => res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end("metrics failed\n"),
    );
  });
  return {
    listen: () =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(options.port, options.host, () => {
          server.off("error", reject);
          const { address, port } = server.address() as AddressInfo;
          resolve(`http://${address.includes(":") ? `[${address}]` : address}:${port}`);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
