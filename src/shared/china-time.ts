// Both upstreams speak China Standard Time (UTC+08:00, no daylight saving). Every conversion
// between their local-time text and an instant goes through here, so the server's TZ never matters.

const CST_OFFSET_MS = 8 * 60 * 60 * 1000;
const LOCAL_TIME = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{1,2}):(\d{1,2})$/;

/** The wall-clock fields of an instant as read on a clock in China. */
function chinaFields(instant: Date) {
  const shifted = new Date(instant.getTime() + CST_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * Parses China local time as written by either upstream: `2020-03-25 13:05:25` (WeChat) or
 * `2017/7/29 13:39:34` (weixin12315, no zero padding). Empty text means "unset" and gives null;
 * text of any other shape, or a calendar date that does not exist, throws.
 */
export function parseChinaLocalTime(text: string): Date | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const match = LOCAL_TIME.exec(trimmed);
  if (!match) throw new RangeError(`not a China local time (yyyy-MM-dd HH:mm:ss): ${JSON.stringify(text)}`);
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const utcMs = Date.UTC(year, month - 1, day, hour, minute, second) - CST_OFFSET_MS;
  const instant = new Date(utcMs);
  const back = chinaFields(instant);
  if (
    back.year !== year ||
    back.month !== month ||
    back.day !== day ||
    back.hour !== hour ||
    back.minute !== minute ||
    back.second !== second
  ) {
    throw new RangeError(`not a valid calendar time: ${JSON.stringify(text)}`);
  }
  return instant;
}

/** Parses unix seconds (WeChat delivery times are digit strings). `0`/empty means unset: null. */
export function parseUnixSeconds(value: string | number): Date | null {
  const text = String(value).trim();
  if (text === "" || /^0+$/.test(text)) return null;
  if (!/^\d+$/.test(text)) throw new RangeError(`not unix seconds: ${JSON.stringify(value)}`);
  return new Date(Number(text) * 1000);
}

/** `yyyy-MM-dd HH:mm:ss` in China time: the request format of both upstreams. */
export function formatChinaLocalTime(instant: Date): string {
  const f = chinaFields(instant);
  return `${f.year}-${pad(f.month)}-${pad(f.day)} ${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}`;
}

/** `yyyyMMddHHmmss` in China time: weixin12315's `timestamp` header. */
export function formatChinaCompactTime(instant: Date): string {
  const f = chinaFields(instant);
  return `${f.year}${pad(f.month)}${pad(f.day)}${pad(f.hour)}${pad(f.minute)}${pad(f.second)}`;
}

/** RFC 3339 with the sources' own offset, e.g. `2020-03-25T13:05:25+08:00` (second precision). */
export function formatChinaIso(instant: Date): string {
  return `${formatChinaLocalTime(instant).replace(" ", "T")}+08:00`;
}
