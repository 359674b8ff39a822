// What may be written to logs and error messages. Tokens, secrets and signatures never are.

const SENSITIVE_QUERY = new Set(["access_token", "secret", "appsecret", "sign"]);
const REDACTED = "[redacted]";

/**
 * Long opaque runs (access tokens ~136 chars, secrets and MD5 signatures 32 hex) are masked wherever
 * they appear; ids (19 digits at most) and ordinary words are shorter and survive.
 */
const OPAQUE_RUN = /[A-Za-z0-9_\-+/=]{32,}/g;

export function redactSecrets(text: string): string {
  return text.replace(OPAQUE_RUN, REDACTED);
}

/** `path?query` for logs, with credential-bearing parameters masked. */
export function redactedTarget(path: string, query: Record<string, string> | undefined): string {
  if (!query || Object.keys(query).length === 0) return path;
  const shown = Object.entries(query).map(([name, value]): [string, string] => [
    name,
    SENSITIVE_QUERY.has(name) ? REDACTED : value,
  ]);
  return `${path}?${new URLSearchParams(shown).toString()}`;
}
