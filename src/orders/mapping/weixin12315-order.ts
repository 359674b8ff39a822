// Pure mapping from a validated weixin12315 wire order to the schema's Weixin12315Order. No I/O.
// `weixin12315OrderOfRow` maps a listed row's full order, which the row validates on demand (lists check the sort fields only).
import { moneyFromYuanText, type MoneyValue } from "../../shared/money.js";
import { OrderStatus } from "../../schema/enums/order-status.enum.js";
import { Weixin12315OrderStatus } from "../../schema/enums/weixin12315-order-status.enum.js";
import { encodeOrderNodeId } from "../../schema/node-id.js";
import type { Weixin12315DeliveryInfo } from "../../schema/weixin12315/weixin12315-delivery-info.type.js";
import type { Weixin12315Order } from "../../schema/weixin12315/weixin12315-order.type.js";
import type { Weixin12315OrderItem } from "../../schema/weixin12315/weixin12315-order-item.type.js";
import {
  normalizeWeixin12315Status,
  weixin12315StatusFromName,
} from "../../datasources/weixin12315/status.js";
import {
  type Weixin12315ListedOrder,
  type Weixin12315WireOrder,
  type Weixin12315WireOrderItem,
} from "../../datasources/weixin12315/wire.js";

const SOURCE = "WEIXIN12315";

const yuan = (text: string | null): MoneyValue | null => (text === null ? null : moneyFromYuanText(text));
/** Common note fields treat empty text as "no note". */
const note = (text: string | null): string | null => (text ? text : null);

function mapItem(wire: Weixin12315WireOrderItem): Weixin12315OrderItem {
  return {
    source: SOURCE,
    productId: wire.productID,
    skuId: null,
    title: wire.productName,
    quantity: wire.amount,
    unitPrice: yuan(wire.originalPrice),
    totalPrice: yuan(wire.totalPrice),
    imageUrl: wire.picUrl,
    recordId: wire.recordID,
    orderId: wire.orderID,
    activityId: wire.activityID,
    number: wire.number,
    discount: wire.discount,
    payPrice: yuan(wire.payPrice),
    payPoint: wire.payPoint,
    publishedTime: wire.publishedTime,
    formatId: wire.formatID,
    ggRemark: wire.ggRemark,
    weight: wire.weight,
    yhRemark: wire.yhRemark,
    productType: wire.productType,
    lastTimestamp: wire.lastTimestamp,
    giftSource: wire.source,
    cxActivityId: wire.cxActivityID,
    giftType: wire.type,
    purchasePrice: yuan(wire.purchasePrice),
  };
}

/** The address fields live on the order itself; no address at all means no delivery info. */
function mapDelivery(wire: Weixin12315WireOrder): Weixin12315DeliveryInfo | null {
  const fields = [
    wire.consignee,
    wire.mobile,
    wire.province,
    wire.city,
    wire.county,
    wire.address,
    wire.postcode,
  ];
  if (fields.every((value) => value === null)) return null;
  return {
    source: SOURCE,
    recipientName: wire.consignee,
    phone: wire.mobile,
    province: wire.province,
    city: wire.city,
    district: wire.county,
    addressLine: wire.address,
    postalCode: wire.postcode,
  };
}

/** Maps one validated weixin12315 order to the schema object (carrying `source` for resolveType). */
export function mapWeixin12315Order(wire: Weixin12315WireOrder): Weixin12315Order {
  const statusKey = weixin12315StatusFromName(wire.orderstatus);
  const weixin12315Status = Weixin12315OrderStatus[statusKey];
  const passTime = wire.passtime;
  // The example shows an unpaid (待付款) order whose passtime equals its ordertime: a placeholder, not a payment.
  const paidAt = weixin12315Status === Weixin12315OrderStatus.PENDING_PAYMENT ? null : passTime;
  const totalAmount = yuan(wire.payprice);
  return {
    id: encodeOrderNodeId(SOURCE, wire.ordernumber),
    source: SOURCE,
    orderId: wire.orderid,
    orderNumber: wire.ordernumber,
    status: OrderStatus[normalizeWeixin12315Status(statusKey)],
    sourceStatus: wire.orderstatus,
    weixin12315Status,
    createdAt: wire.ordertime,
    updatedAt: null,
    paidAt,
    totalAmount,
    freight: yuan(wire.fees),
    buyerOpenid: wire.openid,
    buyerNote: note(wire.remark),
    merchantNote: note(wire.businessremark),
    products: wire.items.map(mapItem),
    payInfo: { source: SOURCE, method: wire.payway, paidAt, amount: totalAmount },
    deliveryInfo: mapDelivery(wire),
    aftersale:
      weixin12315Status === Weixin12315OrderStatus.REFUND
        ? { source: SOURCE, inProgressCount: 1, caseCount: 1, sourceStatus: wire.orderstatus }
        : null,
    nickname: wire.nickname,
    passTime,
    usePoints: wire.usepoints,
    isCheck: wire.ischeck,
  };
}

/** The order a listed row stands for: validated in full (once, by the row) and mapped, when a page returns it. */
export const weixin12315OrderOfRow = (row: Weixin12315ListedOrder): Weixin12315Order =>
  mapWeixin12315Order(row.order());
