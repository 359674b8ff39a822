import { describe, expect, it } from "vitest";
import {
  formatChinaCompactTime,
  formatChinaIso,
  formatChinaLocalTime,
  parseChinaLocalTime,
  parseUnixSeconds,
} from "../../src/shared/china-time.js";
import { formatChinaSlashTime, parseChinaCompactTime } from "../../src/simulators/weixin12315/time-text.js";

describe("China time", () => {
  it.each([
    ["2020-03-25 13:05:25", "2020-03-25T05:05:25.000Z"],
    ["2017/7/29 13:39:34", "2017-07-29T05:39:34.000Z"],
    ["2017/07/29 3:09:04", "2017-07-28T19:09:04.000Z"],
    ["1970-01-01 08:00:00", "1970-01-01T00:00:00.000Z"],
  ])("reads %s as the instant %s", (text, iso) => {
    expect(parseChinaLocalTime(text)?.toISOString()).toBe(iso);
  });

  it("treats empty text as unset and rejects other shapes and impossible dates", () => {
    expect(parseChinaLocalTime("")).toBeNull();
    expect(() => parseChinaLocalTime("2020-03-25")).toThrow(/not a China local time/);
    expect(() => parseChinaLocalTime("2021-02-29 10:00:00")).toThrow(/not a valid calendar time/);
    expect(() => parseChinaLocalTime("2021-01-01 24:00:00")).toThrow(/not a valid calendar time/);
  });

  it("reads unix-second strings, with zero meaning unset", () => {
    expect(formatChinaIso(parseUnixSeconds("1620738080")!)).toBe("2021-05-11T21:01:20+08:00");
    expect(parseUnixSeconds("0")).toBeNull();
    expect(parseUnixSeconds(0)).toBeNull();
    expect(parseUnixSeconds("")).toBeNull();
    expect(() => parseUnixSeconds("16e8")).toThrow(/not unix seconds/);
  });

  it("writes each upstream format in China time, whatever the instant's UTC date", () => {
    const instant = new Date("2017-07-28T19:09:04Z");
    expect(formatChinaLocalTime(instant)).toBe("2017-07-29 03:09:04");
    expect(formatChinaSlashTime(instant)).toBe("2017/7/29 3:09:04");
    expect(formatChinaCompactTime(instant)).toBe("20170729030904");
    expect(formatChinaIso(instant)).toBe("2017-07-29T03:09:04+08:00");
    expect(parseChinaCompactTime("20170729030904").getTime()).toBe(instant.getTime());
    expect(() => parseChinaCompactTime("2017072903090")).toThrow(/yyyyMMddHHmmss/);
  });
});
