import { intBetween, pick } from "./random.js";

// Realistic-looking buyers and addresses for seeded data. Nothing here is a real person.

const SURNAMES = [
  "王",
  "李",
  "张",
  "刘",
  "陈",
  "杨",
  "黄",
  "赵",
  "吴",
  "周",
  "徐",
  "孙",
  "马",
  "朱",
  "胡",
  "郭",
  "何",
  "林",
  "罗",
  "高",
  "欧阳",
  "司马",
] as const;
const GIVEN = [
  "伟",
  "芳",
  "娜",
  "秀英",
  "敏",
  "静",
  "丽",
  "强",
  "磊",
  "军",
  "洋",
  "勇",
  "艳",
  "杰",
  "娟",
  "涛",
  "明",
  "超",
  "秀兰",
  "霞",
  "平",
  "刚",
  "桂英",
  "子涵",
  "浩然",
  "欣怡",
] as const;
const TITLES = ["先生", "女士"] as const;
const NICKNAMES = [
  "布丁鱼",
  "小猫咪",
  "夏天的风",
  "Lucky",
  "阿强",
  "momo",
  "晴天☀",
  "吃货一枚",
  "Tom_1988",
  "风吹麦浪",
] as const;

/** Province → city → districts, with each city's postal code prefix. */
const REGIONS = [
  { province: "广东省", city: "广州市", postal: "510", districts: ["海珠区", "天河区", "越秀区", "白云区"] },
  { province: "广东省", city: "深圳市", postal: "518", districts: ["南山区", "福田区", "宝安区"] },
  { province: "北京市", city: "北京市", postal: "100", districts: ["朝阳区", "海淀区", "东城区"] },
  { province: "上海市", city: "上海市", postal: "200", districts: ["浦东新区", "徐汇区", "静安区"] },
  { province: "浙江省", city: "杭州市", postal: "310", districts: ["西湖区", "余杭区", "滨江区"] },
  { province: "四川省", city: "成都市", postal: "610", districts: ["武侯区", "锦江区", "高新区"] },
  { province: "湖北省", city: "武汉市", postal: "430", districts: ["洪山区", "江汉区", "武昌区"] },
  { province: "新疆维吾尔自治区", city: "乌鲁木齐市", postal: "830", districts: ["天山区", "沙依巴克区"] },
] as const;
const STREETS = [
  "大塘路",
  "中山大道",
  "人民路",
  "解放西路",
  "建设北路",
  "科技园南路",
  "文三路",
  "长江路",
] as const;

export interface SeedPerson {
  name: string;
  nickname: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  street: string;
  postalCode: string;
  /** GB/T 2260 style region code of the district. */
  nationalCode: string;
}

export function seedPerson(random: () => number): SeedPerson {
  const region = pick(random, REGIONS);
  const surname = pick(random, SURNAMES);
  const name = random() < 0.3 ? `${surname}${pick(random, TITLES)}` : `${surname}${pick(random, GIVEN)}`;
  return {
    name,
    nickname: random() < 0.5 ? pick(random, NICKNAMES) : name,
    phone: `1${pick(random, ["3", "5", "7", "8", "9"])}${String(intBetween(random, 0, 999_999_999)).padStart(9, "0")}`,
    province: region.province,
    city: region.city,
    district: pick(random, region.districts),
    street: `${pick(random, STREETS)}${intBetween(random, 1, 999)}号${intBetween(random, 1, 30)}栋${intBetween(random, 101, 2808)}室`,
    postalCode: `${region.postal}${String(intBetween(random, 0, 999)).padStart(3, "0")}`,
    nationalCode: `${region.postal}${String(intBetween(random, 100, 199))}`,
  };
}

/** An openid-shaped string (28 chars, base64url alphabet), stable for a given random state. */
export function seedOpenid(random: () => number, prefix = "oDNt"): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  let id = prefix;
  while (id.length < 28) id += alphabet[Math.floor(random() * alphabet.length)];
  return id;
}
