// Runs a suite under several process time zones. Node re-reads process.env.TZ when it is assigned, so
// each zone really changes local-time behaviour; `useTimeZone` asserts that it did before any test runs.
import { afterAll, beforeAll, expect } from "vitest";

/** Zones with their local offset (minutes, as `getTimezoneOffset` reports) on 2020-03-25. */
export const TIME_ZONES = [
  { tz: "UTC", offsetMinutes: 0 },
  { tz: "America/New_York", offsetMinutes: 240 },
  { tz: "Asia/Shanghai", offsetMinutes: -480 },
] as const;

export function useTimeZone(zone: (typeof TIME_ZONES)[number]): void {
  const previous = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = zone.tz;
    expect(new Date("2020-03-25T12:00:00Z").getTimezoneOffset()).toBe(zone.offsetMinutes);
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.TZ;
    else process.env.TZ = previous;
  });
}

/** `Money` as the schema returns it. */
export const money = (amount: string, minorUnits: number) => ({ amount, currency: "CNY", minorUnits });
