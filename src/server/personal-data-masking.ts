// How each kind of buyer personal data looks to a caller without the `orders:pii` scope.
// Characters are counted as code points, so Chinese names and emoji nicknames mask cleanly.
import type { PersonalDataKind } from "../schema/personal-data.js";

const STARS = "****";

const stars = (count: number) => "*".repeat(Math.max(count, 1));

/** `陈先生` → `陈**`: the family name stays, the rest becomes one star per character. */
export function maskName(value: string): string {
  const chars = Array.from(value);
  return chars.length <= 1 ? stars(chars.length) : chars[0] + stars(chars.length - 1);
}

/** `布丁小鱼` → `布**鱼`: first and last character, as weixin12315 itself shows nicknames. */
export function maskNickname(value: string): string {
  const chars = Array.from(value);
  if (chars.length <= 2) return maskName(value);
  return chars[0] + stars(chars.length - 2) + chars[chars.length - 1];
}

/** `24534252` → `245****252`: first and last three; a fixed four stars hide the length. */
export function maskPhone(value: string): string {
  const chars = Array.from(value);
  return chars.length <= 6 ? STARS : `${chars.slice(0, 3).join("")}${STARS}${chars.slice(-3).join("")}`;
}

/** `大塘路 12 号 3 栋` → `大塘****`: the start of the street line, never the house number. */
export function maskAddress(value: string): string {
  const chars = Array.from(value);
  return chars.length <= 2 ? STARS : `${chars.slice(0, 2).join("")}${STARS}`;
}

/** `2435245` → `24*****`: the first two digits name a province-level region; the rest is hidden. */
export function maskPostalCode(value: string): string {
  const chars = Array.from(value);
  return chars.length <= 2 ? stars(chars.length) : chars.slice(0, 2).join("") + stars(chars.length - 2);
}

/** `oDNt95V1edm_RT8K5GSLW4dQYciE` → `oDNt****`: enough to tell openids apart at a glance, not to use one. */
export function maskOpenid(value: string): string {
  const chars = Array.from(value);
  return chars.length <= 4 ? STARS : `${chars.slice(0, 4).join("")}${STARS}`;
}

const MASKS: Record<PersonalDataKind, (value: string) => string> = {
  name: maskName,
  nickname: maskNickname,
  phone: maskPhone,
  address: maskAddress,
  postalCode: maskPostalCode,
  openid: maskOpenid,
};

/** Masks a resolved field value of the given kind; null, undefined and empty strings pass unchanged. */
export function maskPersonalData(kind: PersonalDataKind, value: unknown): unknown {
  if (typeof value === "string") return value === "" ? value : MASKS[kind](value);
  if (Array.isArray(value)) return value.map((item) => maskPersonalData(kind, item));
  return value;
}
