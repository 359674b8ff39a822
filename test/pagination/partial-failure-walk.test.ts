// A breaker that opens on a failure rate, and bodies cut short retried like other transient failures:
// a walk through upstreams that fail 30% of their calls (HTTP 502, or a truncated JSON body) finishes
// with every order exactly once, while an upstream that fails every call still fails fast.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startTestStack, type TestStack } from "../support/stack.js";
import { mergedTruth } from "./support/sim-truth.js";
import { connectionQuery, windowOf, type PageData } from "./support/walk-graphql.js";

const LISTS = { wechat: ["product/order/get_list"], weixin12315: ["md.shop.order.list"] };
/** A client's patience: a failed page is asked again, at most this often. */
const PAGE_ATTEMPTS = 6;

let stack: TestStack;
let window: ReturnType<typeof windowOf>;

beforeAll(async () => {
  stack = await startTestStack({ orderCount: 160, seed: 17 });
  window = windowOf(stack.wechat.now(), 30, 1);
});
afterAll(() => stack?.close());

function injectOnLists(faults: Parameters<TestStack["wechat"]["setFaults"]>[0]) {
  stack.wechat.setFaults({ ...faults, endpoints: LISTS.wechat });
  stack.weixin12315.setFaults({ ...faults, endpoints: LISTS.weixin12315 });
}

const breakerOpenings = () =>
  stack
    .logs()
    .filter((line) => line.msg === "upstream circuit breaker changed state" && line.breaker === "open")
    .length;

/** Walks `orders` forward 10 at a time, asking a failed page again up to PAGE_ATTEMPTS times. */
async function patientWalk() {
  const ids: string[] = [];
  let failedPageAttempts = 0;
  let cursor: string | null = null;
  for (;;) {
    let page: PageData["page"] | undefined;
    for (let attempt = 1; !page; attempt++) {
      const response = await stack.graphql<PageData>(connectionQuery("orders"), {
        filter: { createdAfter: window.after, createdBefore: window.before },
        first: 10,
        after: cursor,
      });
      if (!response.errors) page = response.data!.page;
      else if (attempt >= PAGE_ATTEMPTS)
        throw new Error(`page failed ${attempt} times: ${JSON.stringify(response.errors)}`);
      else failedPageAttempts += 1;
    }
    ids.push(...page.edges.map((e) => `${e.node.source}:${e.node.orderId}`));
    if (!page.pageInfo.hasNextPage) return { ids, failedPageAttempts, totalCount: page.totalCount };
    cursor = page.pageInfo.endCursor;
  }
}

describe("upstreams failing 30% of their list calls", () => {
  it.each([
    ["HTTP 502", "http502"],
    ["truncated JSON bodies", "malformedJson"],
  ] as const)("%s: the walk finishes with every order once", async (_label, mode) => {
    const openingsBefore = breakerOpenings();
    stack.wechat.resetStats();
    stack.weixin12315.resetStats();
    injectOnLists({ mode, rate: 0.3 });
    try {
      const walk = await patientWalk();
      const truth = mergedTruth(stack.wechat, stack.weixin12315, window);
      expect(walk.ids).toEqual(truth);
      expect(walk.totalCount).toBe(truth.length);
      const listCalls =
        (stack.wechat.stats().calls[LISTS.wechat[0]!] ?? 0) +
        (stack.weixin12315.stats().calls[LISTS.weixin12315[0]!] ?? 0);
      console.info(
        `${mode} at 30%: ${truth.length} orders, ${listCalls} list calls, ${walk.failedPageAttempts} failed page attempts, ${breakerOpenings() - openingsBefore} breaker openings`,
      );
    } finally {
      injectOnLists({});
    }
  });
});

describe("an upstream failing every call", () => {
  it("opens the breaker and then fails fast without calling it", async () => {
    stack.wechat.setFaults({ mode: "http502", endpoints: LISTS.wechat });
    try {
      const query = `query($f: MiniStoreOrderFilter) { miniStoreOrders(filter: $f, first: 5) { totalCount } }`;
      const variables = { f: { createdAfter: window.after, createdBefore: window.before } };
      let codes: unknown[] = [];
      for (let i = 0; i < 10 && stack.server.sources.miniStore?.breakerState() !== "open"; i++) {
        codes = (await stack.graphql(query, variables)).errors?.map((e) => e.extensions?.code) ?? [];
      }
      expect(codes).toContain("UPSTREAM_UNAVAILABLE");
      expect(stack.server.sources.miniStore?.breakerState()).toBe("open");
      stack.wechat.resetStats();
      const started = performance.now();
      const fastFail = await stack.graphql(query, variables);
      expect(fastFail.errors?.map((e) => e.extensions?.code)).toContain("UPSTREAM_UNAVAILABLE");
      expect(stack.wechat.stats().calls[LISTS.wechat[0]!] ?? 0).toBe(0);
      expect(performance.now() - started).toBeLessThan(5_000); // no retry budget spent (20 s)
    } finally {
      stack.wechat.setFaults({});
    }
  });
});
