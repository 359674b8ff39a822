// Wraps exactly the fields marked as buyer personal data (`extensions.personalData`, set by
// `@PersonalData` and copied onto the subgraph schema) so their values are masked for callers
// without the `orders:pii` scope. Every other field keeps its resolver untouched.
import { mapSchema, MapperKind } from "@graphql-tools/utils";
import {
  defaultFieldResolver,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  isInterfaceType,
} from "graphql";

import { PERSONAL_DATA_KINDS, type PersonalDataKind } from "../schema/personal-data.js";
import { maskPersonalData } from "./personal-data-masking.js";

function kindOf(
  extensions: Readonly<Record<string, unknown>> | null | undefined,
): PersonalDataKind | undefined {
  const kind = extensions?.personalData;
  return PERSONAL_DATA_KINDS.find((k) => k === kind);
}

/**
 * `Type.field → kind` for every personal-data field. An object field inherits the mark of the
 * interface field it implements, so an implementation that forgets `@PersonalData` is still masked.
 */
export function personalDataFields(schema: GraphQLSchema): Map<string, PersonalDataKind> {
  const fields = new Map<string, PersonalDataKind>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__") || !("getFields" in type) || !("getInterfaces" in type)) continue;
    const interfaces = type.getInterfaces();
    for (const [name, field] of Object.entries(type.getFields())) {
      const kind =
        kindOf(field.extensions) ??
        interfaces.map((i) => kindOf(i.getFields()[name]?.extensions)).find((k) => k !== undefined);
      if (kind && !isInterfaceType(type)) fields.set(`${type.name}.${name}`, kind);
    }
  }
  return fields;
}

const isPromiseLike = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as PromiseLike<unknown> | null)?.then === "function";

function maskingResolver(
  kind: PersonalDataKind,
  resolve: GraphQLFieldResolver<unknown, { canSeePersonalData?: boolean }>,
): GraphQLFieldResolver<unknown, { canSeePersonalData?: boolean }> {
  return (source, args, context, info) => {
    const value = resolve(source, args, context, info);
    // Masked unless the context says otherwise: a context without the flag never sees personal data.
    if (context?.canSeePersonalData === true) return value;
    return isPromiseLike(value)
      ? value.then((v) => maskPersonalData(kind, v))
      : maskPersonalData(kind, value);
  };
}

/**
 * A copy of `schema` whose personal-data object fields mask their values unless
 * `context.canSeePersonalData` is true. (Interface fields are never executed by graphql-js; the
 * implementing object fields are, and they inherit the interface's mark.)
 */
export function withPersonalDataMasking(schema: GraphQLSchema): GraphQLSchema {
  const fields = personalDataFields(schema);
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (fieldConfig, fieldName, typeName) => {
      const kind = fields.get(`${typeName}.${fieldName}`);
      if (!kind) return fieldConfig;
      return { ...fieldConfig, resolve: maskingResolver(kind, fieldConfig.resolve ?? defaultFieldResolver) };
    },
  });
}
