import { Directive, Extensions } from "type-graphql";

/** What kinds of buyer personal data a field can hold; the server masks it by kind. */
export const PERSONAL_DATA_KINDS = ["name", "nickname", "phone", "address", "postalCode", "openid"] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

/** The scope the router must have granted for a client to read buyer personal data. */
export const PERSONAL_DATA_SCOPE = "orders:pii";

interface PersonalDataExtensions {
  personalData: PersonalDataKind;
}

/**
 * Marks a field as buyer personal data: the server masks it (from `extensions.personalData`) when the
 * caller may not see it, and with `PII_REQUIRES_SCOPES=on` the SDL keeps the directive so that the
 * router requires the `orders:pii` scope too (off, the schema build drops it). Federation forbids
 * `@requiresScopes` on interface fields, so interface fields pass `{ onInterface: true }` and carry
 * only the extension; their implementations carry the directive.
 */
export function PersonalData(
  kind: PersonalDataKind,
  options: { onInterface?: boolean } = {},
): PropertyDecorator & MethodDecorator {
  const extension = Extensions({ personalData: kind } satisfies PersonalDataExtensions);
  if (options.onInterface) return extension;
  const directive = Directive(`@requiresScopes(scopes: [["${PERSONAL_DATA_SCOPE}"]])`);
  return (target: object, key: string | symbol, descriptor?: PropertyDescriptor) => {
    extension(target, key, descriptor!);
    directive(target, key, descriptor!);
  };
}
