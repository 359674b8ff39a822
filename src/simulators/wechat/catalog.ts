import { intBetween, pick } from "../shared/random.js";
import type { WechatSimSkuAttr } from "./types.js";

// A seeded shop catalog: products with SKUs, attributes and prices in fen. Titles carry the
// quotes, slashes and symbols real listings have.

interface CatalogSku {
  skuId: bigint;
  attrs: WechatSimSkuAttr[];
  salePrice: number;
  marketPrice: number;
}

export interface CatalogProduct {
  productId: bigint;
  title: string;
  thumbImg: string;
  skus: CatalogSku[];
}

const TITLES = [
  "健身环",
  "无线蓝牙耳机 降噪版",
  "304不锈钢保温杯 500ml",
  "东北有机大米 5kg/袋",
  "纯棉短袖T恤 男女同款",
  "儿童绘本《小王子》精装",
  '"爆款"防晒霜 SPF50+ PA++++',
  "手机壳/iPhone 15 Pro 磨砂",
  "云南小粒咖啡豆 454g",
  "智能体脂秤 (USB充电)",
  "宝宝湿巾 80抽×10包",
  "茶具套装 & 功夫茶盘",
  "洗衣凝珠 52颗 薰衣草香",
  "乳胶枕 泰国进口 #1",
  "机械键盘 87键 青轴",
] as const;

/** Attribute keys with their possible values; a product uses zero, one or two of them. */
const ATTRIBUTES = [
  { key: "选择颜色", values: ["红蓝主机", "曜石黑", "象牙白", "雾霾蓝", "樱花粉"] },
  { key: "尺码", values: ["S", "M", "L", "XL", "XXL"] },
  { key: "规格", values: ["标准装", "加大装", "家庭装", "试用装"] },
  { key: "口味", values: ["原味", "微辣", "抹茶", "海盐焦糖"] },
] as const;

/** Unique ids: 19 digits (above 2^53, as WeChat's own ids) or `shortDigits` digits. */
export function uniqueId(random: () => number, used: Set<bigint>, long: boolean, shortDigits = 11): bigint {
  for (;;) {
    const digits = long ? 18 : shortDigits - 1;
    let text = long ? "3" : String(intBetween(random, 1, 9));
    while (text.length < digits + 1) text += String(intBetween(random, 0, 9));
    const id = BigInt(text);
    if (!used.has(id)) {
      used.add(id);
      return id;
    }
  }
}

export function seedCatalog(random: () => number, used: Set<bigint>): CatalogProduct[] {
  return TITLES.map((title, index) => {
    const productId = uniqueId(random, used, random() < 0.3, intBetween(random, 6, 9));
    const attrKinds = index % 5 === 4 ? [] : ATTRIBUTES.filter(() => random() < 0.4).slice(0, 2);
    const basePrice = intBetween(random, 9, 599) * 100 + pick(random, [0, 0, 90, 50]);
    const skus = Array.from({ length: attrKinds.length === 0 ? 1 : intBetween(random, 1, 4) }, () => {
      const salePrice = basePrice + intBetween(random, 0, 3) * 500;
      return {
        skuId: uniqueId(random, used, random() < 0.3, intBetween(random, 5, 9)),
        attrs: attrKinds.map((kind) => ({ attr_key: kind.key, attr_value: pick(random, kind.values) })),
        salePrice,
        marketPrice: random() < 0.5 ? salePrice : salePrice + intBetween(random, 1, 20) * 100,
      };
    });
    return {
      productId,
      title,
      thumbImg: `https://mmecimage.cn/p/wx3c2b1a0f9e8d7c6b/${productId}_main.jpg`,
      skus,
    };
  });
}
