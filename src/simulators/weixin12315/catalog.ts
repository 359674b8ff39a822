import { seededRandom } from "../shared/random.js";

// The shop's products. Names carry quotes, slashes, backslashes, symbols and emoji like the
// document's example, so clients must treat them as opaque text.

export interface CatalogProduct {
  productID: number;
  name: string;
  number: string;
  priceFen: number;
  /** kg, as decimal text. */
  weight: string;
  /** 0 实物, 1 虚拟票券, 2 购物券, 3 微信红包, 4 联盟卡券, 5 直充. */
  type: number;
  /** 0 自有礼品, 1 集市礼品 (the latter has a purchase price). */
  source: 0 | 1;
  purchaseFen: number;
  /** Points per unit when exchanged as a prize. */
  points: number;
  formats: readonly { id: number; remark: string }[];
}

const product = (
  p: Partial<CatalogProduct> & Pick<CatalogProduct, "productID" | "name" | "number" | "priceFen">,
) =>
  ({
    weight: "0.00",
    type: 0,
    source: 0,
    purchaseFen: 0,
    points: Math.ceil(p.priceFen / 10),
    formats: [],
    ...p,
  }) as CatalogProduct;

export const CATALOG: readonly CatalogProduct[] = [
  product({ productID: 2140, name: '海宴mini小酒 "?/\\~@#$%^&*///******', number: "QAQ002", priceFen: 5600 }),
  product({
    productID: 2141,
    name: "五粮液 52度 500ml/瓶 【限量版】",
    number: "WLY052",
    priceFen: 109_900,
    weight: "1.20",
  }),
  product({
    productID: 2142,
    name: "农夫山泉 天然水 550ml*24瓶/箱",
    number: "NFSQ24",
    priceFen: 3990,
    weight: "13.50",
  }),
  product({
    productID: 2143,
    name: "Apple AirPods Pro (第二代) 'MagSafe' 充电盒",
    number: "APP-PRO2",
    priceFen: 189_900,
    weight: "0.25",
    formats: [
      { id: 301, remark: "颜色:白色" },
      { id: 302, remark: "颜色:午夜色;版本:USB-C" },
    ],
  }),
  product({
    productID: 2144,
    name: "三只松鼠 坚果礼盒 1.5kg <年货>",
    number: "SZSS15",
    priceFen: 12_800,
    weight: "1.50",
  }),
  product({
    productID: 2145,
    name: '李宁 羽毛球拍 "超轻碳素" 单拍',
    number: "LN-BAD-01",
    priceFen: 29_900,
    weight: "0.30",
    formats: [
      { id: 311, remark: "磅数:24磅" },
      { id: 312, remark: "磅数:26磅" },
    ],
  }),
  product({
    productID: 2146,
    name: "100元话费直充 (移动/联通/电信)",
    number: "HF100",
    priceFen: 9_980,
    type: 5,
  }),
  product({ productID: 2147, name: "电影票兑换券 & 爆米花套餐", number: "DYP01", priceFen: 4_500, type: 1 }),
  product({ productID: 2148, name: "50元购物券", number: "GWQ50", priceFen: 5_000, type: 2 }),
  product({ productID: 2149, name: "微信红包 8.88元", number: "HB888", priceFen: 888, type: 3 }),
  product({ productID: 2150, name: "联盟卡券：星巴克中杯拿铁", number: "SBK-M", priceFen: 3_300, type: 4 }),
  product({
    productID: 2151,
    name: "云南普洱茶 357g/饼 \\ 2015年 \\ 古树",
    number: "PE357",
    priceFen: 26_800,
    weight: "0.36",
  }),
  product({
    productID: 2152,
    name: "小米 充电宝 10000mAh 22.5W #快充#",
    number: "MI-PB10",
    priceFen: 9_900,
    weight: "0.22",
  }),
  product({
    productID: 2153,
    name: "洁柔 抽纸 3层*120抽*24包 100% 原生木浆",
    number: "JR-24",
    priceFen: 4_590,
    weight: "3.10",
  }),
  product({
    productID: 2154,
    name: "集市精选｜新疆阿克苏冰糖心苹果 5斤装",
    number: "JS-AKS5",
    priceFen: 6_990,
    weight: "2.50",
    source: 1,
    purchaseFen: 4_850,
  }),
  product({
    productID: 2155,
    name: "集市精选｜五常大米 10kg ~ 稻花香2号",
    number: "JS-WC10",
    priceFen: 12_900,
    weight: "10.00",
    source: 1,
    purchaseFen: 9_600,
  }),
  product({
    productID: 2156,
    name: "儿童积木 (1000+ 颗粒) ~!@#$%^&*()_+",
    number: "JM1000",
    priceFen: 19_900,
    weight: "1.10",
  }),
  product({
    productID: 2157,
    name: "Emoji 礼盒 🎁✨ 限定",
    number: "EMJ-01",
    priceFen: 6_600,
    weight: "0.40",
  }),
];

/** A stable image URL per product in the shop's CDN style; virtual goods have none. */
export function productPicUrl(p: CatalogProduct): string {
  if (p.type !== 0) return "";
  const random = seededRandom(p.productID);
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join("");
  return `http://image.yibishi.com/2017/07/13800138000/${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}.jpg`;
}
