// The weixin12315 time texts only the simulator writes or reads: the response format of order
// times and the signed `timestamp` header, both China time (built on shared/china-time.ts).
import { formatChinaLocalTime, parseChinaLocalTime } from "../../shared/china-time.js";

/** `2017/7/29 13:39:34`: weixin12315's response format (no zero padding in the date or hour). */
export function formatChinaSlashTime(instant: Date): string {
  const [date, time] = formatChinaLocalTime(instant).split(" ") as [string, string];
  const [year, month, day] = date.split("-").map(Number);
  const [hour, minute, second] = time.split(":");
  return `${year}/${month}/${day} ${Number(hour)}:${minute}:${second}`;
}

/** Parses `yyyyMMddHHmmss` China time (the `timestamp` header); throws on any other shape. */
export function parseChinaCompactTime(text: string): Date {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  const parsed =
    match && parseChinaLocalTime(`${match[1]}-${match[2]}-${match[3]} ${match[4]}:${match[5]}:${match[6]}`);
  if (!parsed) throw new RangeError(`not a yyyyMMddHHmmss time: ${JSON.stringify(text)}`);
  return parsed;
}

/** Drops sub-second precision: the mall compares and reports whole seconds. */
export const truncateToSecond = (instant: Date): Date =>
  new Date(Math.floor(instant.getTime() / 1000) * 1000);
