// Pure mapping from a validated WeChat wire order to the schema's MiniStoreOrder. No I/O.
// `miniStoreOrderOfRow` maps a listed row's full order, which the row validates on demand (lists check the sort fields only).
import { moneyFromFen, type MoneyValue } from "../../shared/money.js";
import { OrderStatus } from "../../schema/enums/order-status.enum.js";
import type { MiniStoreAddress } from "../../schema/mini-store/mini-store-address.type.js";
import type { MiniStoreDeliveryInfo } from "../../schema/mini-store/mini-store-delivery-info.type.js";
import type { MiniStoreOrder } from "../../schema/mini-store/mini-store-order.type.js";
import type { MiniStoreProductInfo } from "../../schema/mini-store/mini-store-product-info.type.js";
import { encodeOrderNodeId } from "../../schema/node-id.js";
import { normalizeMiniStoreStatus } from "../../datasources/wechat/status.js";
import {
  type MiniStoreListedOrder,
  type MiniStoreWireAddressInfo,
  type MiniStoreWireDeliveryInfo,
  type MiniStoreWireOrder,
  type MiniStoreWireProductInfo,
} from "../../datasources/wechat/wire.js";

const SOURCE = "MINI_STORE";

const fen = (value: number | null): MoneyValue | null => (value === null ? null : moneyFromFen(value));
/** Common note fields treat empty text as "no note"; the exact text stays on `extInfo`. */
const note = (text: string | null | undefined): string | null => (text ? text : null);

function mapAddress(wire: MiniStoreWireAddressInfo): MiniStoreAddress {
  return {
    userName: wire.user_name,
    postalCode: wire.postal_code,
    provinceName: wire.province_name,
    cityName: wire.city_name,
    countyName: wire.county_name,
    detailInfo: wire.detail_info,
    nationalCode: wire.national_code,
    telNumber: wire.tel_number,
  };
}

function mapProduct(wire: MiniStoreWireProductInfo): MiniStoreProductInfo {
  return {
    source: SOURCE,
    productId: wire.product_id,
    skuId: wire.sku_id,
    title: wire.title,
    quantity: wire.sku_cnt,
    unitPrice: fen(wire.sale_price),
    // Exact in fen: bigint so a large count × price cannot round.
    totalPrice:
      wire.sale_price === null ? null : moneyFromFen(BigInt(wire.sale_price) * BigInt(wire.sku_cnt)),
    imageUrl: wire.thumb_img,
    onAftersaleSkuCnt: wire.on_aftersale_sku_cnt,
    finishAftersaleSkuCnt: wire.finish_aftersale_sku_cnt,
    skuAttrs: wire.sku_attrs.map((attr) => ({ attrKey: attr.attr_key, attrValue: attr.attr_value })),
    marketPrice: fen(wire.market_price),
  };
}

function mapDelivery(wire: MiniStoreWireDeliveryInfo): MiniStoreDeliveryInfo {
  const address = wire.address_info;
  return {
    source: SOURCE,
    recipientName: address?.user_name ?? null,
    phone: address?.tel_number ?? null,
    province: address?.province_name ?? null,
    city: address?.city_name ?? null,
    district: address?.county_name ?? null,
    addressLine: address?.detail_info ?? null,
    postalCode: address?.postal_code ?? null,
    addressInfo: address ? mapAddress(address) : null,
    deliveryMethod: wire.delivery_method,
    expressFee: wire.express_fee.map((fee) => ({ shippingMethod: fee.shipping_method })),
    shipments: wire.delivery_product_info.map((shipment) => ({
      waybillId: shipment.waybill_id,
      deliveryId: shipment.delivery_id,
      deliveryTime: shipment.delivery_time,
      deliverType: shipment.deliver_type,
      deliveryAddress: shipment.delivery_address ? mapAddress(shipment.delivery_address) : null,
      productInfos: shipment.product_infos.map((product) => ({
        productId: product.product_id,
        skuId: product.sku_id,
        productCnt: product.product_cnt,
      })),
    })),
    shipDoneTime: wire.ship_done_time,
    insuranceInfo: wire.insurance_info
      ? { type: wire.insurance_info.type, insurancePrice: fen(wire.insurance_info.insurance_price) }
      : null,
    deliverType: wire.deliver_type,
    offlineDeliveryTime: wire.offline_delivery_time,
    offlinePickupTime: wire.offline_pickup_time,
  };
}

/** Maps one validated WeChat order to the schema object (carrying `source` for resolveType). */
export function mapMiniStoreOrder(wire: MiniStoreWireOrder): MiniStoreOrder {
  const detail = wire.order_detail;
  const price = detail?.price_info ?? null;
  const pay = detail?.pay_info ?? null;
  const orderAmount = fen(price?.order_price ?? null);
  const aftersale = wire.aftersale_detail;
  return {
    id: encodeOrderNodeId(SOURCE, wire.order_id),
    source: SOURCE,
    orderId: wire.order_id,
    orderNumber: wire.order_id,
    // The wire schema admits documented codes only (an undocumented one throws: a programming error).
    status: OrderStatus[normalizeMiniStoreStatus(wire.status)],
    sourceStatus: String(wire.status),
    miniStoreStatus: wire.status,
    createdAt: wire.create_time,
    updatedAt: wire.update_time,
    paidAt: pay?.pay_time ?? null,
    totalAmount: orderAmount,
    freight: fen(price?.freight ?? null),
    buyerOpenid: wire.openid,
    buyerNote: note(wire.ext_info?.customer_notes),
    merchantNote: note(wire.ext_info?.merchant_notes),
    products: (detail?.product_infos ?? []).map(mapProduct),
    payInfo: pay && {
      source: SOURCE,
      method: pay.pay_method,
      paidAt: pay.pay_time,
      amount: orderAmount,
      prepayId: pay.prepay_id,
      transactionId: pay.transaction_id,
      prepayTime: pay.prepay_time,
    },
    deliveryInfo: detail?.delivery_info ? mapDelivery(detail.delivery_info) : null,
    aftersale: aftersale && {
      source: SOURCE,
      inProgressCount: aftersale.on_aftersale_order_cnt ?? 0,
      caseCount: aftersale.aftersale_order_list.length,
      aftersaleOrders: aftersale.aftersale_order_list.map((entry) => ({
        aftersaleOrderId: entry.aftersale_order_id,
        status: entry.status,
      })),
    },
    priceInfo: price && {
      productPrice: fen(price.product_price),
      orderPrice: orderAmount,
      freight: fen(price.freight),
      discountedPrice: fen(price.discounted_price),
      isDiscounted: price.is_discounted,
    },
    extInfo: wire.ext_info && {
      customerNotes: wire.ext_info.customer_notes,
      merchantNotes: wire.ext_info.merchant_notes,
    },
    orderType: wire.order_type,
  };
}

/** The order a listed row stands for: validated in full (once, by the row) and mapped, when a page returns it. */
export const miniStoreOrderOfRow = (row: MiniStoreListedOrder): MiniStoreOrder =>
  mapMiniStoreOrder(row.order());
