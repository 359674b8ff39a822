// WeChat's business errors: `errcode` is a JSON number on the wire (the document's table says
// "string"; the real API, and so this simulator, writes numbers).

export const WECHAT_ERRORS = {
  systemError: { errcode: -1, errmsg: "system error" },
  invalidCredential: { errcode: 40001, errmsg: "invalid credential, access_token is invalid or not latest" },
  invalidGrantType: { errcode: 40002, errmsg: "invalid grant_type" },
  invalidAppid: { errcode: 40013, errmsg: "invalid appid" },
  invalidSecret: { errcode: 40125, errmsg: "invalid appsecret" },
  tokenMissing: { errcode: 41001, errmsg: "access_token missing" },
  appidMissing: { errcode: 41002, errmsg: "appid missing" },
  secretMissing: { errcode: 41004, errmsg: "appsecret missing" },
  tokenExpired: { errcode: 42001, errmsg: "access_token expired" },
  dailyQuota: { errcode: 45009, errmsg: "reach max api daily quota limit" },
  minuteQuota: { errcode: 45011, errmsg: "api minute-quota reach limit  mustslower  retry next minute" },
  orderNotExist: { errcode: 100002, errmsg: "order not exist" },
  scannedTooMuch: { errcode: -31042, errmsg: "scanned too much data, shorten the time frame and try again" },
} as const;

export type WechatError = { errcode: number; errmsg: string };

/** 9401020 with a message naming the offending parameter. */
export function paramError(message: string): WechatError {
  return { errcode: 9401020, errmsg: `param error: ${message}` };
}
