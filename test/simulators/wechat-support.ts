import { parseSimulatorJson, writeSimulatorJson } from "../../src/simulators/shared/json.js";
import type { RunningSimServer } from "../../src/simulators/shared/sim-server.js";

// Small HTTP helpers for the WeChat simulator suites: raw text is kept for digit-exact checks.

export const APPID = "wx5f3a9c0e1d2b4a68";
export const SECRET = "sim-secret-0123456789abcdef";
/** 2024-06-01 12:00:00 China time: the fixed base clock of the suites. */
export const NOW = new Date("2024-06-01T04:00:00Z");

export interface Reply {
  status: number;
  text: string;
  // Parsed losslessly: ids above 2^53 arrive as bigint.
  json: Record<string, unknown> & { errcode?: number; errmsg?: string };
}

/** POSTs a JSON body (an object, or raw JSON text written by hand), or GETs when body is undefined. */
export async function call(sim: RunningSimServer, path: string, body?: unknown): Promise<Reply> {
  const init: RequestInit =
    body === undefined
      ? { method: "GET" }
      : {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: typeof body === "string" ? body : JSON.stringify(body),
        };
  const response = await fetch(`${sim.url}${path}`, init);
  const text = await response.text();
  return { status: response.status, text, json: parseSimulatorJson(text) as Reply["json"] };
}

export async function classicToken(sim: RunningSimServer): Promise<string> {
  const reply = await call(
    sim,
    `/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=${SECRET}`,
  );
  return reply.json.access_token as string;
}

export function listBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    start_create_time: "2024-05-02 12:00:00",
    end_create_time: "2024-06-01 12:00:00",
    status: 100,
    page: 1,
    page_size: 10,
    ...overrides,
  };
}

export const getList = (sim: RunningSimServer, token: string, body: unknown) =>
  call(sim, `/product/order/get_list?access_token=${token}`, body);
export const getOrder = (sim: RunningSimServer, token: string, body: unknown) =>
  call(sim, `/product/order/get?access_token=${token}`, body);

/** A value as it reads back from the wire (small ids become numbers), for comparing with replies. */
export const asWire = (value: unknown): unknown => parseSimulatorJson(writeSimulatorJson(value));
