// Time oracles for tests, written with the +08:00 offset spelled out instead of the production
// helpers in src/shared/china-time.ts (the code under test).

const two = (digits: string) => digits.padStart(2, "0");

/** A simulator's China local time (`2024-06-01 12:00:00`, `2024/6/1 8:05:09`) as ISO text at +08:00, by text. */
export function chinaIsoText(text: string): string {
  const match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2}) (\d{1,2}):(\d{2}):(\d{2})$/.exec(text);
  if (!match) throw new Error(`not a simulator time: ${JSON.stringify(text)}`);
  const [, year, month, day, hour, minute, second] = match;
  return `${year}-${two(month!)}-${two(day!)}T${two(hour!)}:${minute}:${second}+08:00`;
}

/** The instant a simulator's China local time stands for. */
export const chinaTextInstant = (text: string): Date => new Date(chinaIsoText(text));

/** An instant as ISO text at +08:00, to the second (China has no daylight saving time). */
export function isoAtChinaOffset(instant: Date): string {
  const shifted = new Date(instant.getTime() + 8 * 3_600_000).toISOString();
  return `${shifted.slice(0, 19)}+08:00`;
}
