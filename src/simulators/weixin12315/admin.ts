import { formatChinaLocalTime, parseChinaLocalTime } from "../../shared/china-time.js";
import type { AdminRoute, SimRequest, SimResponse } from "../shared/sim-server.js";
import { matchesFilter, type OrderFilter } from "./order-store.js";
import { withStatus, type OrderDraft } from "./seed-orders.js";
import type { Weixin12315SimState } from "./state.js";
import {
  WEIXIN12315_STATUS_NAMES,
  type GroupStatus,
  type OrderScope,
  type Weixin12315SimOrder,
  type Weixin12315SimRecord,
  type Weixin12315StatusName,
} from "./types.js";

/** Wire fields an inserted order may set verbatim; amounts, ids, times and items stay generated. */
const TEXT_OVERRIDES = [
  "ordernumber",
  "nickname",
  "openid",
  "remark",
  "businessremark",
  "payway",
  "ischeck",
  "postcode",
  "province",
  "city",
  "county",
  "address",
  "mobile",
  "consignee",
] as const satisfies readonly (keyof Weixin12315SimOrder)[];
type TextOverrides = Partial<Record<(typeof TEXT_OVERRIDES)[number], string>>;
const DRAFT_FIELDS = ["ordertime", "orderstatus", "orderscope", "packagestatus"];
const MAX_INSERT = 10_000;

class AdminError extends Error {}

const fail = (status: number, error: string): SimResponse => ({ status, body: { ok: false, error } });
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A status given as its Chinese name or its request code 1..6. */
function statusName(value: unknown): Weixin12315StatusName {
  const byCode =
    typeof value === "number" || /^[1-6]$/.test(String(value))
      ? WEIXIN12315_STATUS_NAMES[Number(value) - 1]
      : undefined;
  const name = byCode ?? WEIXIN12315_STATUS_NAMES.find((n) => n === value);
  if (!name)
    throw new AdminError(
      `unknown orderstatus ${JSON.stringify(value)}; one of ${WEIXIN12315_STATUS_NAMES.join(", ")}`,
    );
  return name;
}

function intIn(value: unknown, name: string, min: number, max: number): number {
  const n = typeof value === "number" ? value : /^-?\d+$/.test(String(value)) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < min || n > max)
    throw new AdminError(`${name} must be an integer ${min}..${max}`);
  return n;
}

/** One insert spec (top-level defaults overlaid with the order's own fields) → draft + text overrides. */
function parseInsertSpec(
  spec: Record<string, unknown>,
  now: Date,
): { draft: OrderDraft; text: TextOverrides } {
  const text: TextOverrides = {};
  for (const [field, value] of Object.entries(spec)) {
    if (DRAFT_FIELDS.includes(field)) continue;
    if (!(TEXT_OVERRIDES as readonly string[]).includes(field)) {
      throw new AdminError(
        `field ${field} cannot be set; settable: ${[...DRAFT_FIELDS, ...TEXT_OVERRIDES].join(", ")}`,
      );
    }
    if (typeof value !== "string") throw new AdminError(`${field} must be a string`);
    text[field as keyof TextOverrides] = value;
  }
  let orderedAt = now;
  if (spec.ordertime !== undefined) {
    const parsed = typeof spec.ordertime === "string" ? safeParseTime(spec.ordertime) : null;
    if (!parsed)
      throw new AdminError(
        `ordertime must be a time like 2017-06-19 18:30:30, got ${JSON.stringify(spec.ordertime)}`,
      );
    orderedAt = parsed;
  }
  const groupStatus =
    spec.packagestatus === undefined
      ? undefined
      : (intIn(spec.packagestatus, "packagestatus", 0, 2) as GroupStatus);
  const scope =
    spec.orderscope === undefined
      ? groupStatus === undefined
        ? undefined
        : 2
      : (intIn(spec.orderscope, "orderscope", 1, 3) as OrderScope);
  if (groupStatus !== undefined && scope !== 2)
    throw new AdminError("packagestatus applies to 拼团 orders (orderscope 2) only");
  const status = spec.orderstatus === undefined ? undefined : statusName(spec.orderstatus);
  return { draft: { orderedAt, status, scope, groupStatus }, text };
}

function safeParseTime(text: string): Date | null {
  try {
    return parseChinaLocalTime(text);
  } catch {
    return null;
  }
}

function insertOrders(state: Weixin12315SimState, body: Record<string, unknown>): Weixin12315SimOrder[] {
  const { orders, count, ...defaults } = body;
  if (orders !== undefined && !(Array.isArray(orders) && orders.every(isRecord))) {
    throw new AdminError("orders must be an array of partial orders");
  }
  const total = orders?.length ?? (count === undefined ? 1 : intIn(count, "count", 1, MAX_INSERT));
  if (orders !== undefined && count !== undefined && count !== orders.length) {
    throw new AdminError("count, when given with orders, must equal orders.length");
  }
  const now = state.clock.now();
  const specs = Array.from({ length: total }, (_, i) =>
    parseInsertSpec({ ...defaults, ...orders?.[i] }, now),
  );
  const wanted = specs.map((s) => s.text.ordernumber).filter((n): n is string => n !== undefined);
  const taken = wanted.find((n, i) => state.factory.hasOrderNumber(n) || wanted.indexOf(n) !== i);
  if (taken !== undefined) throw new AdminError(`ordernumber ${taken} already exists`);

  const records = specs.map(({ draft, text }) => {
    const { ordernumber, ...rest } = text;
    const record = state.factory.create(draft, now);
    const renumbered = ordernumber === undefined ? record : state.factory.renumber(record, ordernumber);
    return { ...renumbered, order: { ...renumbered.order, ...rest } };
  });
  state.store.insert(records);
  return records.map((r) => r.order);
}

function listFilter(query: URLSearchParams): OrderFilter {
  const param = (name: string) => (query.get(name) ?? "") || undefined;
  const status = param("orderstatus");
  const scope = param("orderscope");
  const group = param("packagestatus");
  return {
    orderscope: (scope === undefined ? 0 : intIn(scope, "orderscope", 0, 3)) as OrderFilter["orderscope"],
    packagestatus: (group === undefined
      ? -1
      : intIn(group, "packagestatus", -1, 2)) as OrderFilter["packagestatus"],
    orderstatus: status === undefined ? undefined : statusName(status),
  };
}

/** Runs an admin handler, turning `AdminError`s into `{ok: false, error}` with HTTP 400. */
const guarded =
  (handle: (req: SimRequest) => SimResponse): AdminRoute["handle"] =>
  (req) => {
    try {
      return handle(req);
    } catch (error) {
      if (error instanceof AdminError) return fail(400, error.message);
      throw error;
    }
  };

/** The weixin12315-specific part of `/__sim/` (stats and faults come from the shared shell). */
export function weixin12315Admin(state: Weixin12315SimState): { routes: AdminRoute[] } {
  const clock = () => ({ ok: true, now: formatChinaLocalTime(state.clock.now()) });
  const routes: AdminRoute[] = [
    { method: "GET", path: "/__sim/clock", handle: () => ({ body: clock() }) },
    {
      method: "POST",
      path: "/__sim/clock/advance",
      handle: guarded((req) => {
        const seconds = isRecord(req.body) ? req.body.seconds : undefined;
        if (typeof seconds !== "number" || !Number.isFinite(seconds))
          throw new AdminError("seconds must be a number");
        state.clock.advance(seconds);
        return { body: clock() };
      }),
    },
    {
      method: "GET",
      path: "/__sim/orders",
      handle: guarded((req) => {
        const filter = listFilter(req.query);
        const orders = state.store
          .all()
          .filter((r) => matchesFilter(r, filter))
          .map((r) => r.order);
        return { body: { ok: true, count: orders.length, orders } };
      }),
    },
    {
      method: "POST",
      path: "/__sim/orders",
      handle: guarded((req) => {
        if (req.body !== undefined && !isRecord(req.body)) throw new AdminError("body must be a JSON object");
        return { body: { ok: true, orders: insertOrders(state, req.body ?? {}) } };
      }),
    },
    {
      method: "POST",
      path: "/__sim/orders/status",
      handle: guarded((req) => {
        const body = isRecord(req.body) ? req.body : {};
        const record: Weixin12315SimRecord | undefined =
          typeof body.ordernumber === "string" ? state.store.find(body.ordernumber) : undefined;
        if (!record) return fail(404, `no order with ordernumber ${JSON.stringify(body.ordernumber)}`);
        const next = withStatus(record, statusName(body.orderstatus), state.clock.now());
        state.store.replace(next);
        return { body: { ok: true, order: next.order } };
      }),
    },
  ];
  return { routes };
}
