import { UnitCategory } from "../../server/units/unit.type.js";
import { LINES, type Line } from "../demo/org.js";

/** The 31 provincial-level regions and the 兵团 procuratorate: the national tree's second level. */
export const PROVINCES = [
  "北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省", "上海市", "江苏省", "浙江省",
  "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "广西壮族自治区", "海南省", "重庆市",
  "四川省", "贵州省", "云南省", "西藏自治区", "陕西省", "甘肃省", "青海省", "宁夏回族自治区", "新疆维吾尔自治区",
  "新疆生产建设兵团",
];

/** Fictional place names: a first and a second character (青川, 临江, …). */
const FIRST = "青临东西南北安平清宁永长新龙凤云白金兴华丰泰嘉和广福明德恒盛昌瑞宝江河山湖海".split("");
const SECOND = "川江山阳平安宁州原城水峰林溪泉川岭桥湾口坪台乡沙石".split("");

/** The n-th fictional place name; distinct for n < FIRST × SECOND. */
export function placeName(n: number): string {
  return FIRST[n % FIRST.length]! + SECOND[Math.floor(n / FIRST.length) % SECOND.length]!;
}

export interface LineSpec {
  code: string;
  name: string;
  category: UnitCategory;
  businessLine: string | null;
  /** The demo line whose problem templates (templates.ts) fit this department. */
  like: Line;
}

/**
 * Department lines in the order offices have them: a small basic office has the first ten or so,
 * a provincial office all of them. The demo's nine lines, then the other usual departments.
 */
export const LINE_ORDER: LineSpec[] = [
  ...(["AG", "GS", "ZJ", "BGS", "ZZB", "MX", "KS", "WJ"] as Line[]).map((code) => ({ code, ...LINES[code], like: code })),
  { code: "XZ", name: "行政检察部", category: UnitCategory.BUSINESS, businessLine: "行政检察", like: "MX" },
  { code: "GY", name: "公益诉讼检察部", category: UnitCategory.BUSINESS, businessLine: "公益诉讼", like: "MX" },
  { code: "ZX", name: "刑事执行检察部", category: UnitCategory.BUSINESS, businessLine: "刑事执行", like: "ZJ" },
  { code: "JWDC", ...LINES.JWDC, like: "BGS" },
  { code: "ZW", name: "职务犯罪检察部", category: UnitCategory.BUSINESS, businessLine: "职务犯罪", like: "GS" },
  { code: "JS", name: "检察技术信息中心", category: UnitCategory.COMPREHENSIVE, businessLine: null, like: "BGS" },
  { code: "JC", name: "计划财务装备部", category: UnitCategory.COMPREHENSIVE, businessLine: null, like: "BGS" },
  { code: "YJ", name: "法律政策研究室", category: UnitCategory.COMPREHENSIVE, businessLine: null, like: "BGS" },
  { code: "DW", name: "机关党委", category: UnitCategory.COMPREHENSIVE, businessLine: null, like: "ZZB" },
  { code: "FJ", name: "司法警察支队", category: UnitCategory.COMPREHENSIVE, businessLine: null, like: "BGS" },
];

/** How often a line's departments have findings (公诉 most, comprehensive departments least). */
export const LINE_WEIGHT: Record<string, number> = {
  GS: 4, ZJ: 2.5, MX: 1.5, KS: 1.2, WJ: 1.2, AG: 0.8, BGS: 0.6, ZZB: 0.4, XZ: 1, GY: 1, ZX: 0.8, ZW: 1.2,
  JWDC: 0.1, JS: 0.3, JC: 0.3, YJ: 0.2, DW: 0.3, FJ: 0.3,
};
