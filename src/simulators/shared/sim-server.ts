import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parseSimulatorJson, writeSimulatorJson } from "./json.js";

/** A request as a simulator route sees it. `body` is parsed JSON (undefined for an empty body). */
export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  rawBody: string;
  body: unknown;
}

export interface SimResponse {
  status?: number;
  body: unknown;
}

export interface SimRoute {
  method: "GET" | "POST";
  path: string;
  /** Name under which calls are counted in the statistics (e.g. `product/order/get_list`). */
  endpoint: string;
  /** Who made the call (access token, appid), for per-credential statistics; undefined if unknown. */
  credentialOf?: (req: SimRequest) => string | undefined;
  handle: (req: SimRequest) => SimResponse | Promise<SimResponse>;
}

export interface AdminRoute {
  method: "GET" | "POST" | "DELETE";
  path: string;
  handle: (req: SimRequest) => SimResponse | Promise<SimResponse>;
}

/**
 * Fault knobs, set through `POST /__sim/faults`. `latencyMs` delays every business call; the
 * failure `mode` hits business calls (optionally only `endpoints`) with probability `rate`
 * (default 1) for the next `times` calls (default: until cleared).
 */
interface FaultSettings {
  latencyMs?: number;
  mode?: "error" | "http502" | "malformedJson" | "connectionReset";
  /** Business error code for mode `error` (e.g. -1, 45011, 9401020). */
  code?: number;
  rate?: number;
  times?: number;
  endpoints?: string[];
}

interface SimStats {
  total: number;
  calls: Record<string, number>;
  callsByCredential: Record<string, Record<string, number>>;
  /** Most business calls being handled at the same moment since the last reset. */
  maxInFlight: number;
}

export interface SimServerOptions {
  name: string;
  host?: string;
  port?: number;
  routes: SimRoute[];
  adminRoutes?: AdminRoute[];
  /** The source's business-error body (`{errcode, errmsg}` or `{return_code, return_msg}`). */
  businessError: (code: number, message: string) => unknown;
  /** Deterministic randomness for fault rates. */
  random: () => number;
}

export interface RunningSimServer {
  url: string;
  port: number;
  stats(): SimStats;
  resetStats(): void;
  setFaults(faults: FaultSettings): void;
  close(): Promise<void>;
}

const MALFORMED_BODY = '{"errcode":0,"errmsg":"ok","orders":[{"order_id":';

/**
 * The HTTP shell both simulators share: routing, JSON in and out (lossless), call statistics,
 * fault injection and the `/__sim/` admin API. The upstream-specific behaviour lives in the routes.
 */
export async function startSimServer(options: SimServerOptions): Promise<RunningSimServer> {
  let inFlight = 0;
  const freshStats = (): SimStats => ({ total: 0, calls: {}, callsByCredential: {}, maxInFlight: inFlight });
  let stats = freshStats();
  let faults: FaultSettings = {};
  let faultHits = 0;

  const adminRoutes: AdminRoute[] = [
    { method: "GET", path: "/__sim/stats", handle: () => ({ body: stats }) },
    {
      method: "POST",
      path: "/__sim/stats/reset",
      handle: () => {
        stats = freshStats();
        return { body: { ok: true } };
      },
    },
    {
      method: "POST",
      path: "/__sim/faults",
      handle: (req) => {
        faults = (req.body ?? {}) as FaultSettings;
        faultHits = 0;
        return { body: { ok: true, faults } };
      },
    },
    {
      method: "DELETE",
      path: "/__sim/faults",
      handle: () => {
        faults = {};
        return { body: { ok: true } };
      },
    },
    ...(options.adminRoutes ?? []),
  ];

  const pickFault = (endpoint: string): FaultSettings["mode"] | undefined => {
    if (!faults.mode) return undefined;
    if (faults.endpoints && !faults.endpoints.includes(endpoint)) return undefined;
    if (faults.times !== undefined && faultHits >= faults.times) return undefined;
    if (options.random() >= (faults.rate ?? 1)) return undefined;
    faultHits += 1;
    return faults.mode;
  };

  const send = (res: ServerResponse, status: number, body: unknown) => {
    const text = typeof body === "string" ? body : writeSimulatorJson(body);
    res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
    res.end(text);
  };

  const server: Server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://simulator");
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const rawBody = Buffer.concat(chunks).toString("utf8");
      let body: unknown;
      if (rawBody.trim() !== "") {
        try {
          body = parseSimulatorJson(rawBody);
        } catch {
          send(res, 200, options.businessError(-1, "invalid json body"));
          return;
        }
      }
      const simReq: SimRequest = {
        method: req.method ?? "GET",
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        rawBody,
        body,
      };

      const admin = adminRoutes.find((r) => r.method === simReq.method && r.path === simReq.path);
      if (admin) {
        const out = await admin.handle(simReq);
        send(res, out.status ?? 200, out.body);
        return;
      }
      const route = options.routes.find((r) => r.method === simReq.method && r.path === simReq.path);
      if (!route) {
        send(res, 404, { error: `no such endpoint: ${simReq.method} ${simReq.path}` });
        return;
      }

      // Counted until the response is written, so added latency shows up as concurrency.
      inFlight += 1;
      stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
      res.once("close", () => {
        inFlight -= 1;
      });
      stats.total += 1;
      stats.calls[route.endpoint] = (stats.calls[route.endpoint] ?? 0) + 1;
      const credential = route.credentialOf?.(simReq);
      if (credential !== undefined) {
        const perCredential = (stats.callsByCredential[credential] ??= {});
        perCredential[route.endpoint] = (perCredential[route.endpoint] ?? 0) + 1;
      }

      if (faults.latencyMs) await new Promise((r) => setTimeout(r, faults.latencyMs));
      switch (pickFault(route.endpoint)) {
        case "connectionReset":
          req.socket.destroy();
          return;
        case "http502":
          res.writeHead(502, { "content-type": "text/html" });
          res.end("<html><body><h1>502 Bad Gateway</h1></body></html>");
          return;
        case "malformedJson":
          send(res, 200, MALFORMED_BODY);
          return;
        case "error":
          send(res, 200, options.businessError(faults.code ?? -1, `injected fault ${faults.code ?? -1}`));
          return;
        default: {
          const out = await route.handle(simReq);
          send(res, out.status ?? 200, out.body);
        }
      }
    } catch (error) {
      send(res, 500, { error: `${options.name} simulator failure: ${(error as Error).message}` });
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}`,
    port,
    stats: () => stats,
    resetStats: () => {
      stats = freshStats();
    },
    setFaults: (next) => {
      faults = next;
      faultHits = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
