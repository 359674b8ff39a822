import { registerEnumType } from "type-graphql";

/** weixin12315 `packagestatus` request parameter; each value is the upstream code. */
export enum Weixin12315GroupBuyStatus {
  ALL = -1,
  FORMING = 0,
  SUCCEEDED = 1,
  FAILED = 2,
}

registerEnumType(Weixin12315GroupBuyStatus, {
  name: "Weixin12315GroupBuyStatus",
  description: "Group-buy state filter of weixin12315 (`packagestatus`, 拼团状态).",
  valuesConfig: {
    ALL: { description: "-1: all (全部)." },
    FORMING: { description: "0: group forming (组团中)." },
    SUCCEEDED: { description: "1: group formed (组团成功)." },
    FAILED: { description: "2: group failed (组团失败)." },
  },
});
