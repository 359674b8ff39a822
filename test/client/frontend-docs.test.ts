// docs/frontend.md shows the Apollo Client setup the client tests run; this keeps the two identical.
import { readFile } from "node:fs/promises";

import { expect, it } from "vitest";

it("docs/frontend.md quotes test/client/apollo-client.ts verbatim (after its header comment)", async () => {
  const [docs, source] = await Promise.all([
    readFile(new URL("../../docs/frontend.md", import.meta.url), "utf8"),
    readFile(new URL("./apollo-client.ts", import.meta.url), "utf8"),
  ]);
  const quoted = /From `test\/client\/apollo-client\.ts`[^\n]*\n\n```ts\n([\s\S]*?)```/.exec(docs)?.[1];
  expect(quoted).toBe(source.replace(/^\/\/[^\n]*\n/, ""));
});
