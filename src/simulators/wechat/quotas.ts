import { formatChinaLocalTime } from "../../shared/china-time.js";
import { WECHAT_ERRORS, type WechatError } from "./errors.js";

export interface QuotaLimits {
  perMinute?: number;
  perDay?: number;
}

/**
 * Call quotas of one appid, counted per endpoint like the platform's per-API quotas: the minute
 * quota resets each clock minute, the daily quota at midnight China time. Rejected calls do not count.
 */
export class CallQuotas {
  private readonly used = new Map<
    string,
    { minute: number; minuteCalls: number; day: string; dayCalls: number }
  >();

  constructor(public limits: QuotaLimits = {}) {}

  admit(endpoint: string, now: Date): WechatError | undefined {
    const minute = Math.floor(now.getTime() / 60_000);
    const day = formatChinaLocalTime(now).slice(0, 10);
    const entry = this.used.get(endpoint) ?? { minute, minuteCalls: 0, day, dayCalls: 0 };
    if (entry.minute !== minute) Object.assign(entry, { minute, minuteCalls: 0 });
    if (entry.day !== day) Object.assign(entry, { day, dayCalls: 0 });
    this.used.set(endpoint, entry);
    const { perMinute, perDay } = this.limits;
    if (perDay !== undefined && entry.dayCalls >= perDay) return WECHAT_ERRORS.dailyQuota;
    if (perMinute !== undefined && entry.minuteCalls >= perMinute) return WECHAT_ERRORS.minuteQuota;
    entry.minuteCalls += 1;
    entry.dayCalls += 1;
    return undefined;
  }
}
