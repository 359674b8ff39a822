import { GraphQLError, GraphQLScalarType, Kind, print } from "graphql";

import { formatChinaIso } from "../../shared/china-time.js";

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|([+-])(\d{2}):(\d{2}))$/;

/** Parses an RFC 3339 date-time with any offset; rejects other shapes and impossible dates. */
export function parseRfc3339(text: string): Date | null {
  const match = RFC3339.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const millis = match[7] ? Math.floor(Number(`0${match[7]}`) * 1000) : 0;
  const offsetHours = match[10] ? Number(match[10]) : 0;
  const offsetMinutes = match[11] ? Number(match[11]) : 0;
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return null;
  }
  const offsetMs = (match[9] === "-" ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  return new Date(wall - offsetMs);
}

function invalid(shown: string): GraphQLError {
  return new GraphQLError(
    `DateTime must be an RFC 3339 date-time with an offset, e.g. "2020-03-25T13:05:25+08:00"; got ${shown}`,
    { extensions: { code: "BAD_USER_INPUT" } },
  );
}

function parseInput(value: unknown): Date {
  const instant = typeof value === "string" ? parseRfc3339(value) : null;
  if (!instant) throw invalid(JSON.stringify(value) ?? String(value));
  return instant;
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: "DateTime",
  description:
    "An instant as an RFC 3339 string. Output uses China Standard Time, the sources' own clock " +
    "(`2020-03-25T13:05:25+08:00`, whole seconds); input accepts any offset (`Z`, `+08:00`, `-05:00`).",
  serialize(value) {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
      throw new GraphQLError(`DateTime cannot represent ${String(value)}`);
    }
    return formatChinaIso(value);
  },
  parseValue: parseInput,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw invalid(print(ast));
    return parseInput(ast.value);
  },
});
