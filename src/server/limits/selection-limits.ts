// Depth and aliases of an operation, as validation rules (reported as `GRAPHQL_VALIDATION_FAILED`
// with `extensions.limit`). Both are one fold over the operation's selections with every fragment
// spread expanded where it is used.
import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from "graphql";

import type { Limits } from "../config.js";
import { supportedOperationTypesRule } from "./operation-types.js";

/** How a measure folds a selection set: what one field adds, and how siblings combine. */
interface SelectionMeasure {
  /** A field's own contribution around the measure of its sub-selection. */
  field(alias: boolean, inner: number): number;
  /** Siblings of one selection set (max for depth, sum for counts). */
  combine(a: number, b: number): number;
}

/** Deepest field nesting. `__schema`/`__type` are not counted: introspection is on or off as a whole. */
const DEPTH: SelectionMeasure = { field: (_alias, inner) => 1 + inner, combine: Math.max };

/** Aliased fields. */
const ALIASES: SelectionMeasure = {
  field: (alias, inner) => (alias ? 1 : 0) + inner,
  combine: (a, b) => a + b,
};

/**
 * The measure of `selectionSet`, following fragment spreads (memoised per fragment; a spread cycle
 * counts as empty because graphql's own NoFragmentCycles rule rejects it).
 */
function foldSelections(
  measure: SelectionMeasure,
  selectionSet: SelectionSetNode | undefined,
  fragments: (name: string) => FragmentDefinitionNode | null | undefined,
  memo: Map<string, number>,
): number {
  if (!selectionSet) return 0;
  let total = 0;
  for (const selection of selectionSet.selections) {
    let value: number;
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === "__schema" || selection.name.value === "__type") continue;
      value = measure.field(
        selection.alias !== undefined,
        foldSelections(measure, selection.selectionSet, fragments, memo),
      );
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      value = foldSelections(measure, selection.selectionSet, fragments, memo);
    } else {
      const name = selection.name.value;
      if (!memo.has(name)) {
        memo.set(name, 0);
        memo.set(name, foldSelections(measure, fragments(name)?.selectionSet, fragments, memo));
      }
      value = memo.get(name)!;
    }
    total = measure.combine(total, value);
  }
  return total;
}

function operationLimitRule(
  measure: SelectionMeasure,
  maximum: number,
  describe: (actual: number) => string,
  limit: string,
): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const memo = new Map<string, number>();
    const fragments = (name: string) => context.getFragment(name);
    return {
      OperationDefinition(node) {
        const actual = foldSelections(measure, node.selectionSet, fragments, memo);
        if (actual > maximum) {
          context.reportError(
            new GraphQLError(describe(actual), { nodes: [node], extensions: { limit, maximum, actual } }),
          );
        }
      },
    };
  };
}

/** Validation rules for depth and aliases (and for operation types the schema cannot execute). */
export function limitValidationRules(limits: Limits): ValidationRule[] {
  return [
    supportedOperationTypesRule,
    operationLimitRule(
      DEPTH,
      limits.maxDepth,
      (depth) => `Query is too deep: ${depth} levels of nested fields; the maximum is ${limits.maxDepth}.`,
      "maxDepth",
    ),
    operationLimitRule(
      ALIASES,
      limits.maxAliases,
      (count) => `Query uses too many aliases: ${count}; the maximum is ${limits.maxAliases}.`,
      "maxAliases",
    ),
  ];
}
