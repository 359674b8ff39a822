// Split windows are remembered for totals as for rows: once WeChat's scan limit (-31042) has split a
// window, neither the rows nor totalCount of a later page ask a refused sub-window again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startTestStack, type GraphqlResponse, type TestStack } from "../support/stack.js";
import { miniStoreTruth } from "./support/sim-truth.js";
import { connectionQuery, windowOf, type PageData } from "./support/walk-graphql.js";

const LIST = "product/order/get_list";
const WINDOW_TOO_LARGE = new Set(["-31042", "-31043"]);

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ orderCount: 400, seed: 23, env: { LOG_LEVEL: "debug" } });
  stack.wechat.configure({ scanLimit: 25 });
});
afterAll(() => stack?.close());

/** WeChat list calls the simulator saw, and those refused as too large (the service's call log), since `from`. */
function callsSince(listBefore: number, logFrom: number) {
  const refused = stack.logLines
    .slice(logFrom)
    .map((line) => JSON.parse(line) as { msg?: string; endpoint?: string; upstreamCode?: string })
    .filter(
      (l) => l.msg === "upstream call" && l.endpoint === LIST && WINDOW_TOO_LARGE.has(String(l.upstreamCode)),
    );
  return { calls: (stack.wechat.stats().calls[LIST] ?? 0) - listBefore, refused: refused.length };
}

describe("totalCount on a window split by the scan limit", () => {
  it("asks no refused sub-window again after the first page", async () => {
    const window = windowOf(stack.wechat.now(), 40, 1);
    const truth = miniStoreTruth(stack.wechat, window);
    expect(truth.length).toBeGreaterThan(2 * 25);
    const perPage: { calls: number; refused: number }[] = [];
    const walked: string[] = [];
    let cursor: string | null = null;
    for (;;) {
      const listBefore = stack.wechat.stats().calls[LIST] ?? 0;
      const logFrom = stack.logLines.length;
      const response: GraphqlResponse<PageData> = await stack.graphql<PageData>(
        connectionQuery("miniStoreOrders"),
        {
          filter: { createdAfter: window.after, createdBefore: window.before },
          first: 20,
          after: cursor,
        },
      );
      expect(response.errors).toBeUndefined();
      const page: PageData["page"] = response.data!.page;
      perPage.push(callsSince(listBefore, logFrom));
      expect(page.totalCount).toBe(truth.length);
      walked.push(...page.edges.map((e) => `${e.node.source}:${e.node.orderId}`));
      if (!page.pageInfo.hasNextPage) break;
      cursor = page.pageInfo.endCursor;
    }
    console.info(
      `split-window walk of ${truth.length} orders, per page [calls, refused]: ${JSON.stringify(perPage.map((p) => [p.calls, p.refused]))}`,
    );
    expect(walked).toEqual(truth);
    expect(perPage[0]!.refused).toBeGreaterThan(0);
    expect(perPage.slice(1).map((p) => p.refused)).toEqual(perPage.slice(1).map(() => 0));
  });
});
