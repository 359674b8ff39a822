// What of an upstream request may be written to logs: credential-bearing query parameters are
// masked by the shared redaction rules.
import { isSecretName, REDACTED } from "../../shared/redaction.js";

/** `path?query` for logs, with credential-bearing parameters masked. */
export function redactedTarget(path: string, query: Record<string, string> | undefined): string {
  if (!query || Object.keys(query).length === 0) return path;
  const shown = Object.entries(query).map(([name, value]): [string, string] => [
    name,
    isSecretName(name) ? REDACTED : value,
  ]);
  return `${path}?${new URLSearchParams(shown).toString()}`;
}
