import { formatChinaLocalTime, parseChinaLocalTime } from "../../shared/china-time.js";
import type { AdminRoute, SimResponse } from "../shared/sim-server.js";
import type { QuotaLimits } from "./quotas.js";
import { parseOrderId } from "./request-params.js";
import type { WechatSimState } from "./state.js";
import {
  WECHAT_ORDER_STATUSES,
  type WechatSimRecord,
  type WechatOrderChannel,
  type WechatOrderStatus,
  type WechatSimOrder,
} from "./types.js";

// The WeChat-specific part of the `/__sim/` admin API (faults and stats come from the shared shell).

type Body = Record<string, unknown>;
const MAX_INSERT = 10_000;

const bad = (message: string): SimResponse => ({ status: 400, body: { error: message } });
const asBody = (body: unknown): Body => (typeof body === "object" && body !== null ? (body as Body) : {});
const isStatus = (value: unknown): value is WechatOrderStatus =>
  (WECHAT_ORDER_STATUSES as readonly unknown[]).includes(value);
const isChannel = (value: unknown): value is WechatOrderChannel => value === 1 || value === 2;

/** Overrides replace arrays and scalars and merge nested objects. */
function merge(base: Body, override: Body): Body {
  const out: Body = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = out[key];
    const nested = (v: unknown): v is Body => typeof v === "object" && v !== null && !Array.isArray(v);
    out[key] = nested(current) && nested(value) ? merge(current, value) : value;
  }
  return out;
}

export interface WechatAdmin {
  routes: AdminRoute[];
  configure(config: { scanLimit?: number; quotas?: QuotaLimits }): void;
}

export function wechatAdmin(state: WechatSimState): WechatAdmin {
  const configure = ({ scanLimit, quotas }: { scanLimit?: number; quotas?: QuotaLimits }) => {
    if (scanLimit !== undefined) state.settings.scanLimit = scanLimit;
    if (quotas !== undefined) state.quotas.limits = { ...quotas };
  };
  const now = () => ({ now: formatChinaLocalTime(state.clock.now()) });

  const insert = (body: Body): SimResponse => {
    const overrides = Array.isArray(body.orders) ? (body.orders as unknown[]).map(asBody) : undefined;
    const count = body.count ?? overrides?.length ?? 1;
    if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > MAX_INSERT) {
      return bad(`count must be an integer from 1 to ${MAX_INSERT}`);
    }
    if (body.status !== undefined && !isStatus(body.status))
      return bad(`status must be one of ${WECHAT_ORDER_STATUSES.join(", ")}`);
    if (body.source !== undefined && !isChannel(body.source)) return bad("source must be 1 or 2");
    let createdAt = state.clock.now();
    if (body.createTime !== undefined) {
      try {
        createdAt = parseChinaLocalTime(String(body.createTime)) ?? createdAt;
      } catch {
        return bad('createTime must be "yyyy-MM-dd HH:mm:ss" (China time)');
      }
    }
    const nowAtLeastCreated = new Date(Math.max(state.clock.now().getTime(), createdAt.getTime()));
    const inserted: WechatSimRecord[] = [];
    for (let i = 0; i < Math.max(count, overrides?.length ?? 0); i += 1) {
      const status = isStatus(body.status)
        ? body.status
        : state.factory.randomStatus((state.clock.now().getTime() - createdAt.getTime()) / 1000);
      const generated = state.factory.create({ createdAt, status, now: nowAtLeastCreated });
      const override = overrides?.[i] ?? {};
      const order = merge(generated as unknown as Body, override) as unknown as WechatSimOrder;
      if (override.order_id !== undefined) {
        const id = parseOrderId(override.order_id);
        if (!id.ok) return bad(id.error.errmsg);
        order.order_id = id.value;
        state.usedIds.add(id.value);
      }
      inserted.push({ source: isChannel(body.source) ? body.source : 1, order });
    }
    try {
      state.store.insert(inserted);
    } catch (e) {
      return { status: 409, body: { error: (e as Error).message } };
    }
    return { body: { orders: inserted.map((r) => r.order) } };
  };

  const setStatus = (body: Body): SimResponse => {
    const id = parseOrderId(body.order_id);
    if (!id.ok) return bad(id.error.errmsg);
    if (!isStatus(body.status)) return bad(`status must be one of ${WECHAT_ORDER_STATUSES.join(", ")}`);
    const record = state.store.find(id.value);
    if (!record) return { status: 404, body: { error: `order not found: ${id.value}` } };
    record.order.status = body.status;
    record.order.update_time = formatChinaLocalTime(state.clock.now());
    return { body: { order: record.order } };
  };

  const routes: AdminRoute[] = [
    {
      method: "POST",
      path: "/__sim/tokens/expire",
      handle: () => {
        state.tokens.expireAll();
        return { body: { ok: true } };
      },
    },
    { method: "GET", path: "/__sim/clock", handle: () => ({ body: now() }) },
    {
      method: "POST",
      path: "/__sim/clock/advance",
      handle: (req) => {
        const seconds = asBody(req.body).seconds;
        if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds < 0) {
          return bad("seconds must be a non-negative number");
        }
        state.clock.advance(seconds);
        return { body: now() };
      },
    },
    { method: "POST", path: "/__sim/orders", handle: (req) => insert(asBody(req.body)) },
    { method: "POST", path: "/__sim/orders/status", handle: (req) => setStatus(asBody(req.body)) },
    {
      method: "GET",
      path: "/__sim/orders",
      handle: (req) => {
        const status = req.query.get("status");
        const source = req.query.get("source");
        const orders = state.store
          .all({
            ...(status ? { status: Number(status) } : {}),
            ...(source === "1" || source === "2" ? { source: Number(source) as WechatOrderChannel } : {}),
          })
          .map((r) => r.order);
        return { body: { orders, total_num: orders.length } };
      },
    },
    {
      method: "POST",
      path: "/__sim/config",
      handle: (req) => {
        const { scanLimit, quotas } = asBody(req.body);
        if (scanLimit !== undefined && (typeof scanLimit !== "number" || scanLimit < 0)) {
          return bad("scanLimit must be a non-negative number");
        }
        configure({
          ...(scanLimit !== undefined ? { scanLimit } : {}),
          ...(quotas !== undefined ? { quotas: (quotas ?? {}) as QuotaLimits } : {}),
        });
        return { body: { scanLimit: state.settings.scanLimit, quotas: state.quotas.limits } };
      },
    },
  ];
  return { routes, configure };
}
