import { PersonPosition, SupervisorKind } from "../../server/people/person.type.js";
import { UnitCategory, UnitKind, UnitLevel } from "../../server/units/unit.type.js";

/** The fictional jurisdiction: 青川市 city office and three basic-level offices ("两级四院"). */

/** Department lines: business lines (业务条线) and comprehensive departments (综合部门). */
export type Line = "AG" | "GS" | "ZJ" | "MX" | "KS" | "WJ" | "BGS" | "ZZB" | "JWDC";

interface LineInfo {
  name: string;
  category: UnitCategory;
  businessLine: string | null;
}

export const LINES: Record<Line, LineInfo> = {
  AG: { name: "案件管理部", category: UnitCategory.BUSINESS, businessLine: "案管" },
  GS: { name: "第一检察部", category: UnitCategory.BUSINESS, businessLine: "公诉" },
  ZJ: { name: "第二检察部", category: UnitCategory.BUSINESS, businessLine: "侦查监督" },
  MX: { name: "第三检察部", category: UnitCategory.BUSINESS, businessLine: "民行" },
  KS: { name: "控告申诉检察部", category: UnitCategory.BUSINESS, businessLine: "控申" },
  WJ: { name: "未成年人检察部", category: UnitCategory.BUSINESS, businessLine: "未检" },
  BGS: { name: "办公室", category: UnitCategory.COMPREHENSIVE, businessLine: null },
  ZZB: { name: "政治部", category: UnitCategory.COMPREHENSIVE, businessLine: null },
  JWDC: { name: "检务督察室", category: UnitCategory.COMPREHENSIVE, businessLine: null },
};

/** One staff slot: H head, P prosecutor, A assistant, C clerk; CM / BUS make them a supervisor. */
type Slot = "H" | "H-CM" | "P" | "P-CM" | "P-BUS" | "A" | "A-CM" | "A-BUS" | "C";

export interface DemoOffice {
  code: string;
  name: string;
  /** Short name used in bulletins and texts, e.g. 东城区院. */
  short: string;
  /** Prefix of case numbers (案号), e.g. 青东 in 青东检刑诉〔2026〕112号. */
  casePrefix: string;
  level: UnitLevel;
  departments: [Line, Slot[]][];
}

export const CITY_CODE = "QC";

export const OFFICES: DemoOffice[] = [
  {
    code: CITY_CODE,
    name: "青川市人民检察院",
    short: "市院",
    casePrefix: "青",
    level: UnitLevel.CITY,
    departments: [
      ["AG", ["H-CM", "P-CM", "A-CM"]],
      ["GS", ["H", "P", "P", "A-BUS"]],
      ["ZJ", ["H", "P"]],
      ["MX", ["H", "P"]],
      ["KS", ["H", "P"]],
      ["WJ", ["H", "P"]],
      ["BGS", ["H"]],
      ["ZZB", ["H"]],
      ["JWDC", ["H", "A"]],
    ],
  },
  {
    code: "QC-DC",
    name: "青川市东城区人民检察院",
    short: "东城区院",
    casePrefix: "青东",
    level: UnitLevel.BASIC,
    departments: [
      ["AG", ["H-CM", "A-CM"]],
      ["GS", ["H", "P", "P", "A-BUS"]],
      ["ZJ", ["H", "P"]],
      ["MX", ["H", "P"]],
      ["KS", ["H"]],
      ["WJ", ["H", "P"]],
      ["BGS", ["H", "C"]],
      ["ZZB", ["H"]],
    ],
  },
  {
    code: "QC-XS",
    name: "青川市西山区人民检察院",
    short: "西山区院",
    casePrefix: "青西",
    level: UnitLevel.BASIC,
    departments: [
      ["AG", ["H-CM", "A-CM"]],
      ["GS", ["H", "P", "P-BUS"]],
      ["ZJ", ["H", "P"]],
      ["MX", ["H", "P"]],
      ["KS", ["H"]],
      ["BGS", ["H"]],
      ["ZZB", ["H"]],
    ],
  },
  {
    code: "QC-LJ",
    name: "临江县人民检察院",
    short: "临江县院",
    casePrefix: "临",
    level: UnitLevel.BASIC,
    departments: [
      ["AG", ["H-CM", "A-CM"]],
      ["GS", ["H", "P", "A", "A-BUS"]],
      ["ZJ", ["H", "P"]],
      ["MX", ["H"]],
      ["KS", ["H"]],
      ["BGS", ["H"]],
      ["ZZB", ["H"]],
    ],
  },
];

/** Fictional names; varied surnames, in the order people are created. */
const NAMES = [
  "周建国", "韩立明", "沈雪梅", "陆晓峰", "唐志远", "许文静", "邓海波", "冯佳琪", "曹永刚", "彭丽华",
  "蒋振宇", "钟秀兰", "谢宏伟", "袁芳", "魏子健", "贾晓燕", "范德明", "邹静怡", "石磊", "龙婷婷",
  "薛国强", "段雨欣", "雷鸣", "侯晓丽", "孟庆华", "汪洋", "秦朗", "江慧敏", "白云飞", "尹春燕",
  "黎志刚", "易思琪", "常建军", "武亚楠", "乔正阳", "贺晨曦", "赖文博", "龚雅婷", "文斌", "庞金凤",
  "樊宇航", "兰心怡", "殷浩然", "施佳慧", "陶成林", "洪小燕", "翟立新", "安若溪", "颜卫东", "倪娜",
  "严正", "牛晓东", "温雅琴", "芦俊杰", "俞晨阳", "章丽萍", "鲁振华", "葛欣然", "伍建平", "费宁",
  "卜海燕", "柏松", "丁一鸣", "焦玉梅", "纪宏", "左佳音",
];

export interface DemoUnit {
  code: string;
  name: string;
  kind: UnitKind;
  level: UnitLevel;
  category: UnitCategory | null;
  businessLine: string | null;
  parent: string | null;
  sortOrder: number;
  /** Department line; null for an office. */
  line: Line | null;
  office: string;
}

export interface DemoPerson {
  key: string;
  name: string;
  unit: string;
  position: PersonPosition;
  supervisorKind: SupervisorKind | null;
  head: boolean;
}

const SLOT: Record<Slot, [PersonPosition, SupervisorKind | null, boolean]> = {
  H: [PersonPosition.DEPT_HEAD, null, true],
  "H-CM": [PersonPosition.DEPT_HEAD, SupervisorKind.CASE_MANAGEMENT, true],
  P: [PersonPosition.PROSECUTOR, null, false],
  "P-CM": [PersonPosition.PROSECUTOR, SupervisorKind.CASE_MANAGEMENT, false],
  "P-BUS": [PersonPosition.PROSECUTOR, SupervisorKind.BUSINESS, false],
  A: [PersonPosition.ASSISTANT, null, false],
  "A-CM": [PersonPosition.ASSISTANT, SupervisorKind.CASE_MANAGEMENT, false],
  "A-BUS": [PersonPosition.ASSISTANT, SupervisorKind.BUSINESS, false],
  C: [PersonPosition.CLERK, null, false],
};

/** The unit tree (parents first) and the people, with stable keys like "QC-DC-GS#2". */
export function buildOrg(): { units: DemoUnit[]; people: DemoPerson[] } {
  const units: DemoUnit[] = [];
  const people: DemoPerson[] = [];
  const names = [...NAMES];
  const nextName = () => {
    const name = names.shift();
    if (!name) throw new Error("demo org: not enough names");
    return name;
  };
  OFFICES.forEach((office, officeIndex) => {
    const isCity = office.code === CITY_CODE;
    units.push({
      code: office.code,
      name: office.name,
      kind: UnitKind.OFFICE,
      level: office.level,
      category: null,
      businessLine: null,
      parent: isCity ? null : CITY_CODE,
      sortOrder: officeIndex,
      line: null,
      office: office.code,
    });
    people.push({ key: `${office.code}#1`, name: nextName(), unit: office.code, position: PersonPosition.LEADER, supervisorKind: null, head: true });
    // The city office also has a deputy chief (副检察长) who oversees inspection supervision.
    if (isCity) people.push({ key: `${office.code}#2`, name: nextName(), unit: office.code, position: PersonPosition.LEADER, supervisorKind: null, head: false });
    office.departments.forEach(([line, slots], deptIndex) => {
      const code = `${office.code}-${line}`;
      const info = LINES[line];
      units.push({
        code,
        name: info.name,
        kind: UnitKind.DEPARTMENT,
        level: office.level,
        category: info.category,
        businessLine: info.businessLine,
        parent: office.code,
        sortOrder: deptIndex + 1,
        line,
        office: office.code,
      });
      slots.forEach((slot, i) => {
        const [position, supervisorKind, head] = SLOT[slot];
        people.push({ key: `${code}#${i + 1}`, name: nextName(), unit: code, position, supervisorKind, head });
      });
    });
  });
  return { units, people };
}
