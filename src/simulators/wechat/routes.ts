import { createHash, timingSafeEqual } from "node:crypto";
import type { SimRequest, SimResponse, SimRoute } from "../shared/sim-server.js";
import { WECHAT_ERRORS, type WechatError } from "./errors.js";
import { parseGetParams, parseListParams } from "./request-params.js";
import type { WechatSimState } from "./state.js";

// The four upstream endpoints. Order of checks as on the platform: credentials or token, then
// quota, then parameters.

const ok = (fields: object): SimResponse => ({ body: { errcode: 0, errmsg: "ok", ...fields } });
const error = (e: WechatError): SimResponse => ({ body: { errcode: e.errcode, errmsg: e.errmsg } });
const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);

function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

function credentialError(state: WechatSimState, grantType: unknown, appid?: string, secret?: string) {
  if (grantType !== "client_credential") return WECHAT_ERRORS.invalidGrantType;
  if (!appid) return WECHAT_ERRORS.appidMissing;
  if (appid !== state.appid) return WECHAT_ERRORS.invalidAppid;
  if (!secret) return WECHAT_ERRORS.secretMissing;
  if (!sameSecret(secret, state.secret)) return WECHAT_ERRORS.invalidSecret;
  return undefined;
}

const bodyField = (req: SimRequest, key: string): unknown =>
  typeof req.body === "object" && req.body !== null ? (req.body as Record<string, unknown>)[key] : undefined;

export function wechatRoutes(state: WechatSimState): SimRoute[] {
  const tokenEndpoint = (
    method: "GET" | "POST",
    path: string,
    read: (req: SimRequest) => { grantType: unknown; appid?: string; secret?: string; forceRefresh: boolean },
    issue: (forceRefresh: boolean) => object,
  ): SimRoute => ({
    method,
    path,
    endpoint: path.slice(1),
    credentialOf: (req) => read(req).appid,
    handle: (req) => {
      const { grantType, appid, secret, forceRefresh } = read(req);
      const failure =
        credentialError(state, grantType, appid, secret) ?? state.quotas.admit(path, state.clock.now());
      return failure ? error(failure) : { body: issue(forceRefresh) };
    },
  });

  const orderEndpoint = (path: string, handle: (body: unknown) => SimResponse): SimRoute => ({
    method: "POST",
    path,
    endpoint: path.slice(1),
    credentialOf: (req) => req.query.get("access_token") ?? undefined,
    handle: (req) => {
      const failure =
        state.tokens.check(req.query.get("access_token")) ?? state.quotas.admit(path, state.clock.now());
      return failure ? error(failure) : handle(req.body);
    },
  });

  return [
    tokenEndpoint(
      "GET",
      "/cgi-bin/token",
      (req) => ({
        grantType: req.query.get("grant_type"),
        appid: text(req.query.get("appid")),
        secret: text(req.query.get("secret")),
        forceRefresh: false,
      }),
      () => state.tokens.issueClassic(),
    ),
    tokenEndpoint(
      "POST",
      "/cgi-bin/stable_token",
      (req) => ({
        grantType: bodyField(req, "grant_type"),
        appid: text(bodyField(req, "appid")),
        secret: text(bodyField(req, "secret")),
        forceRefresh: bodyField(req, "force_refresh") === true,
      }),
      (forceRefresh) => state.tokens.stable(forceRefresh),
    ),
    orderEndpoint("/product/order/get_list", (body) => {
      const params = parseListParams(body);
      if (!params.ok) return error(params.error);
      const { page, pageSize, ...filter } = params.value;
      const { scanned, matches } = state.store.scan(filter);
      if (scanned > state.settings.scanLimit) return error(WECHAT_ERRORS.scannedTooMuch);
      const start = (page - 1) * pageSize;
      return ok({
        orders: matches.slice(start, start + pageSize).map((r) => r.order),
        total_num: matches.length,
      });
    }),
    orderEndpoint("/product/order/get", (body) => {
      const orderId = parseGetParams(body);
      if (!orderId.ok) return error(orderId.error);
      const record = state.store.find(orderId.value);
      return record ? ok({ order: record.order }) : error(WECHAT_ERRORS.orderNotExist);
    }),
  ];
}
