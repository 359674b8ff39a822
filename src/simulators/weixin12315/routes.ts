import type { SimRequest, SimResponse, SimRoute } from "../shared/sim-server.js";
import { parseListParams, ParameterError, requestParams } from "./request-params.js";
import type { Weixin12315SimState } from "./state.js";
import { WEIXIN12315_RETURN_CODES as CODES } from "./types.js";

// The upstream endpoint, signed `md.shop.order.list`. Order of checks: body shape, auth headers and
// signature, then parameters.

const WEIXIN12315_ORDER_LIST_PATH = "/api/sign/md.shop.order/v1/list";
/** Name under which list calls are counted in `/__sim/stats`. */
export const WEIXIN12315_ORDER_LIST_ENDPOINT = "md.shop.order.list";

export const businessError = (code: string | number, message: string) => ({
  return_code: String(code),
  return_msg: message,
  return_data: null,
});

export function weixin12315Routes(state: Weixin12315SimState): SimRoute[] {
  const listOrders = (req: SimRequest): SimResponse => {
    try {
      const params = requestParams(req.body);
      const failure = state.verify(req.headers, params);
      if (failure) return { body: businessError(failure.code, failure.message) };
      const page = state.store.list(parseListParams(params));
      return { body: { return_code: CODES.success, return_msg: "success", return_data: page } };
    } catch (error) {
      if (error instanceof ParameterError)
        return { body: businessError(CODES.invalidParameter, error.message) };
      throw error;
    }
  };

  return [
    {
      method: "POST",
      path: WEIXIN12315_ORDER_LIST_PATH,
      endpoint: WEIXIN12315_ORDER_LIST_ENDPOINT,
      credentialOf: (req) =>
        typeof req.headers.appid === "string" && req.headers.appid !== "" ? req.headers.appid : undefined,
      handle: listOrders,
    },
  ];
}
