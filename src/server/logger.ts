// pino, configured once: JSON in production, pino-pretty in development, and two layers of redaction
// so that no token, secret, signature or buyer's personal data reaches a log line.
import { createRequire } from "node:module";
import { pino, type DestinationStream, type Logger } from "pino";

import { isPersonalDataName, isSecretName, redactInlineSecrets, REDACTED } from "../shared/redaction.js";
import { traceLogFields } from "../telemetry/index.js";
import type { Config } from "./config.js";

export type { Logger } from "pino";

const MAX_DEPTH = 8;

/** A serialisable copy of `value` with credential and personal-data values replaced. */
export function scrubLogValue(value: unknown, options: { stacks: boolean }, depth = 0): unknown {
  if (value instanceof Error) {
    const { name, message, stack } = value;
    const extra = Object.fromEntries(Object.entries(value).filter(([k]) => k !== "originalError"));
    return scrubLogValue(
      { type: name, message, ...extra, ...(options.stacks && stack ? { stack } : {}) },
      options,
      depth,
    );
  }
  if (value === null || typeof value !== "object") return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") {
    return scrubLogValue((value as { toJSON(): unknown }).toJSON(), options, depth + 1);
  }
  if (depth >= MAX_DEPTH) return "[…]";
  if (Array.isArray(value)) return value.map((item) => scrubLogValue(item, options, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] =
      item !== undefined && item !== null && (isSecretName(key) || isPersonalDataName(key))
        ? REDACTED
        : scrubLogValue(item, options, depth + 1);
  }
  return out;
}

/** Inline credentials and the configured secrets' literal values, replaced in any text (each log line, error messages). */
export function scrubSecretsInText(line: string, secrets: readonly string[]): string {
  let out = redactInlineSecrets(line);
  for (const secret of secrets) out = out.split(secret).join(REDACTED);
  return out;
}

/** Every credential the configuration holds; scrubbed verbatim wherever it appears. */
export function configuredSecrets(config: Config): string[] {
  const values = [
    config.wechat?.secret,
    config.wechat?.accessToken,
    config.weixin12315?.appSecret,
    config.routerSecret,
    config.cursorSecret,
    config.redisUrl && URL.canParse(config.redisUrl) ? new URL(config.redisUrl).password : undefined,
  ];
  // Very short values would turn ordinary words into "[REDACTED]"; config validation keeps real ones long.
  return values.filter((v): v is string => typeof v === "string" && v.length >= 6);
}

/**
 * The service logger. `destination` defaults to stdout (pretty-printed when `LOG_FORMAT=pretty`);
 * tests pass their own stream to capture lines.
 */
export function createLogger(config: Config, destination?: DestinationStream): Logger {
  const stacks = !config.isProduction;
  const secrets = configuredSecrets(config);
  const options: pino.LoggerOptions = {
    level: config.log.level,
    base: { service: "weixin-orders-subgraph" },
    // Within a traced request, every line carries its trace and span ids.
    mixin: traceLogFields,
    formatters: { log: (object) => scrubLogValue(object, { stacks }) as Record<string, unknown> },
    // Errors are already turned into plain, scrubbed objects by the formatter above.
    serializers: { err: (value: unknown) => value },
    hooks: { streamWrite: (line) => scrubSecretsInText(line, secrets) },
  };
  if (destination) return pino(options, destination);
  if (config.log.format === "pretty") {
    // A devDependency: loaded only when asked for, so production never requires it.
    const pretty = createRequire(import.meta.url)("pino-pretty") as (opts: object) => DestinationStream;
    return pino(options, pretty({ translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname,service" }));
  }
  return pino(options);
}
