// Whether a connection field's selection asks for `totalCount` (through fragments too): counting
// then runs before the page's cursors are issued, so they remember the windows counting had to split.
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from "graphql";

export function selectsTotalCount(info: GraphQLResolveInfo): boolean {
  const pending: SelectionSetNode[] = info.fieldNodes.flatMap((node) => node.selectionSet ?? []);
  const seen = new Set<string>();
  for (let set = pending.pop(); set; set = pending.pop()) {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === "totalCount") return true;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        pending.push(selection.selectionSet);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = info.fragments[selection.name.value];
        if (fragment) pending.push(fragment.selectionSet);
      }
    }
  }
  return false;
}
