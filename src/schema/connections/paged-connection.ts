// The explicit mark of a paged connection field (`first`/`last` pages of a Relay connection): the
// server's cost limit multiplies the field's selection by the page size it asks for. A field
// extension, so it survives into the subgraph schema (`copyFieldExtensions`).
import { Extensions } from "type-graphql";

const MARK = "pagedConnection";

/** Marks a query field as a paged connection. */
export const PagedConnection = (): MethodDecorator & PropertyDecorator => Extensions({ [MARK]: true });

/** Whether a schema field carries the mark. */
export const isPagedConnection = (field: {
  extensions?: Readonly<Record<string, unknown>> | null;
}): boolean => field.extensions?.[MARK] === true;
