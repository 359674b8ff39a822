// The one rule set of what never reaches a log line, an error message or a response: credentials
// (by name, inline, or as long opaque runs) and buyer personal data (by name).

/** What replaces a redacted value. */
export const REDACTED = "[REDACTED]";

/** Names (object keys, query parameters) whose values are credentials: secrets, tokens, signatures, auth headers. */
const SECRET_NAME = /secret|password|passwd|authorization|signature|cookie|api[-_]?key|^sign$|token$/i;

/** Names whose values are a buyer's personal data (upstream wire names and our schema names). */
const PERSONAL_DATA_NAME =
  /^(user_?name|recipient_?name|consignee|nick_?name|tel_?number|phone|mobile|address|address_?line|detail_?info|postal_?code|postcode|national_?code|openid|buyer_?openid)$/i;

/** Credentials written inline: `?access_token=…&sign=…` in URLs, `Bearer …` values. */
const INLINE_SECRET = /\b(access_token|secret|appsecret|app_secret|sign|signature|token)=([^&\s"\\]+)/gi;
const BEARER = /\b(Bearer)\s+[\w.~+/-]+=*/g;

/**
 * Long opaque runs (access tokens ~136 chars, secrets and MD5 signatures 32 hex); ids (19 digits at
 * most) and ordinary words are shorter and survive.
 */
const OPAQUE_RUN = /[A-Za-z0-9_\-+/=]{32,}/g;

export const isSecretName = (name: string): boolean => SECRET_NAME.test(name);

export const isPersonalDataName = (name: string): boolean => PERSONAL_DATA_NAME.test(name);

/** Inline credentials (`name=value`, `Bearer …`) replaced in text. */
export function redactInlineSecrets(text: string): string {
  return text.replace(INLINE_SECRET, `$1=${REDACTED}`).replace(BEARER, `$1 ${REDACTED}`);
}

/** Every long opaque run replaced: for upstream-supplied text that may echo a token or signature. */
export function redactOpaqueRuns(text: string): string {
  return text.replace(OPAQUE_RUN, REDACTED);
}
