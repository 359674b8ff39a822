import { isInteger, isSafeNumber, parse, stringify } from "lossless-json";

/** Parses request JSON as a real upstream would read it: integers above 2^53 stay exact (bigint). */
export function parseSimulatorJson(text: string): unknown {
  return parse(text, null, (digits) =>
    isInteger(digits) && !isSafeNumber(digits) ? BigInt(digits) : Number(digits),
  );
}

/** Writes response JSON; bigint and LosslessNumber values are written as bare numbers, digit-exact. */
export function writeSimulatorJson(value: unknown): string {
  const text = stringify(value);
  if (text === undefined) throw new TypeError("response is not serialisable");
  return text;
}
