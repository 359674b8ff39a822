// Environment variables as text → typed values, for the service's config and the simulators'
// settings: one zod schema per reader, every problem reported at once, secrets never echoed.
import { z } from "zod";

/** Start-up refused: `problems` holds one line per bad or missing variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
    this.name = "ConfigError";
  }
}

export type Env = Record<string, string | undefined>;

/** A variable parsed from text; `describe` says what was expected. Secret values are never echoed. */
export function variable<T>(
  describe: string,
  parse: (text: string) => T | undefined,
  options: { secret?: boolean } = {},
) {
  return z
    .string()
    .transform((text, ctx) => {
      const value = parse(text);
      if (value === undefined) {
        ctx.addIssue({
          code: "custom",
          message: `must be ${describe}${options.secret ? "" : ` (got ${JSON.stringify(text)})`}`,
        });
        return z.NEVER;
      }
      return value;
    })
    .optional();
}

export const integer = (min: number, max: number) =>
  variable(`a whole number from ${min} to ${max}`, (text) => {
    if (!/^\d+$/.test(text)) return undefined;
    const n = Number(text);
    return n >= min && n <= max ? n : undefined;
  });

const BOOLEAN_WORDS: Record<string, boolean> = {
  true: true,
  on: true,
  yes: true,
  "1": true,
  false: false,
  off: false,
  no: false,
  "0": false,
};
export const boolean = () => variable("on/off (or true/false)", (text) => BOOLEAN_WORDS[text.toLowerCase()]);

export const oneOf = <const T extends readonly string[]>(values: T) =>
  variable(`one of ${values.join(", ")}`, (text): T[number] | undefined =>
    values.find((v) => v === text.toLowerCase()),
  );

export const httpUrl = () =>
  variable("an http(s) URL", (text) => {
    const url = URL.canParse(text) ? new URL(text) : undefined;
    return url && (url.protocol === "http:" || url.protocol === "https:")
      ? text.replace(/\/+$/, "")
      : undefined;
  });

export const secret = (minLength: number) =>
  variable(`at least ${minLength} characters`, (text) => (text.length >= minLength ? text : undefined), {
    secret: true,
  });

export const credential = () => variable("non-empty", (text) => text, { secret: true });

const ORIGIN = /^https?:\/\/[^/\s]+$/;
export const origins = () =>
  variable("a comma-separated list of origins like https://studio.apollographql.com", (text) => {
    const list = text
      .split(",")
      .map((o) => o.trim().replace(/\/$/, ""))
      .filter(Boolean);
    return list.every((o) => ORIGIN.test(o)) ? list : undefined;
  });

// RFC 9110 token characters; stored lower-case because Node lower-cases incoming header names.
export const headerName = () =>
  variable("an HTTP header name", (text) =>
    /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(text) ? text.toLowerCase() : undefined,
  );

/** The variables of `env` that `shape` reads, blank values (`FOO=` in a .env file) meaning "unset". */
export function present(env: Env, shape: object): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(shape)) {
    const value = env[key]?.trim();
    if (value) out[key] = value;
  }
  return out;
}

export function issuesOf(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}
