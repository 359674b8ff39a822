import { ORDER_SOURCE, type OrderSourceName, type SourceTypeNames } from "../../shared/order-source.js";

/** Values of every union/interface carry the source they were mapped from. */
export interface SourceTagged {
  source: OrderSourceName;
}

/** A resolveType that picks the member by the carried source (registry), never by field presence. */
export function resolveBySource(part: keyof SourceTypeNames) {
  return (value: SourceTagged): string => ORDER_SOURCE[value.source].typeNames[part];
}
