import type { OrderSourceName } from "../../shared/order-source.js";

/** Values of every union/interface carry the source they were mapped from. */
export interface SourceTagged {
  source: OrderSourceName;
}

/** A resolveType that picks the member by the carried source, never by field presence. */
export function resolveBySource(typeNames: Readonly<Record<OrderSourceName, string>>) {
  return (value: SourceTagged): string => typeNames[value.source];
}
