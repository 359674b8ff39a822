import { registerEnumType } from "type-graphql";

/** WeChat `source` request parameter; each value is the upstream code. */
export enum MiniStoreChannel {
  MINI_STORE = 1,
  CPS = 2,
}

registerEnumType(MiniStoreChannel, {
  name: "MiniStoreChannel",
  description: "Which WeChat order channel to list (`source` of get_list; the API defaults to MINI_STORE).",
  valuesConfig: {
    MINI_STORE: { description: "1: Mini Store orders (小商店)." },
    CPS: { description: "2: CPS orders sold on commission (带货)." },
  },
});
