import { FindingCategory, RectificationClass } from "../../server/findings/finding.enums.js";
import type { Line } from "./org.js";
import type { Rng } from "./random.js";

/** Wording for cases, measures, reasons and bulletins. All people and companies are fictional. */

const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "吴", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁"];
const CRIMES = [
  "盗窃", "诈骗", "危险驾驶", "故意伤害", "帮助信息网络犯罪活动", "掩饰、隐瞒犯罪所得", "寻衅滋事",
  "非法吸收公众存款", "交通肇事", "开设赌场", "贩卖毒品", "合同诈骗", "聚众斗殴", "非法经营",
];
const COMPANIES = ["青川恒达建材有限公司", "临江宏远物流有限公司", "东城嘉禾置业有限公司", "西山鑫源商贸有限公司", "青川诚信建设集团有限公司"];
const DISPUTES = ["买卖合同", "建设工程施工合同", "民间借贷", "劳动争议", "房屋租赁合同"];

/** Case-number word by line: 青东检刑诉〔2026〕112号 is an indictment of 东城区院. */
const CASE_WORD: Partial<Record<Line, string>> = { AG: "刑诉", GS: "刑诉", ZJ: "批捕", WJ: "未检诉", MX: "民监", KS: "刑申" };

export function caseName(line: Line, rng: Rng): string {
  const surname = rng.pick(SURNAMES);
  switch (line) {
    case "MX":
      return `${rng.pick(COMPANIES)}与${surname}某某${rng.pick(DISPUTES)}纠纷监督案`;
    case "KS":
      return `${surname}某某不服不起诉决定申诉案`;
    case "WJ":
      return `未成年人${surname}某涉嫌${rng.pick(["盗窃", "寻衅滋事", "故意伤害", "抢劫"])}案`;
    default: {
      const crime = rng.pick(CRIMES);
      return rng.chance(0.2) ? `${surname}某某等${rng.int(2, 5)}人涉嫌${crime}案` : `${surname}某某涉嫌${crime}案`;
    }
  }
}

export function caseRef(prefix: string, line: Line, year: number, rng: Rng): string {
  if (line === "KS" && rng.chance(0.4)) return `${prefix}检来信〔${year}〕${rng.int(1, 260)}号`;
  return `${prefix}检${CASE_WORD[line] ?? "刑诉"}〔${year}〕${rng.int(1, 420)}号`;
}

const MEASURES: Record<FindingCategory, string[]> = {
  [FindingCategory.CASE_INFORMATION]: [
    "逐项核对案卡信息,在统一业务应用系统中更正错误项目并留存截图",
    "组织本部门干警学习《案卡信息填录规范》,对近三个月办结案件开展案卡自查",
    "建立案卡填录\"双人复核\"制度,结案前由部门负责人审核",
    "与案件管理部每月核对业务统计数据,差异逐件说明",
  ],
  [FindingCategory.LEGAL_DOCUMENTS]: [
    "重新制作法律文书并依法送达,补齐送达回证",
    "对本部门近三个月同类法律文书开展自查,形成自查报告",
    "将文书制作要点纳入部门业务学习计划,开展文书评比",
    "部门负责人对重要法律文书实行签发前审核",
  ],
  [FindingCategory.CASE_PROCEDURE]: [
    "补充履行告知程序,完善卷内诉讼手续",
    "建立办案期限台账,每周提示临期案件",
    "部门负责人对关键流程节点逐案把关",
    "与公安机关、人民法院会商,明确证据材料移送衔接流程",
  ],
  [FindingCategory.CONDUCT_DISCIPLINE]: [
    "相关人员作出书面说明,部门进行批评教育",
    "修订完善考勤、请销假及值班管理制度",
    "组织开展司法作风专题教育,签订作风纪律承诺书",
    "检务督察室开展专项回头看",
  ],
};
const ESCALATION_MEASURES = ["报请市院协调相关单位解决", "提请上级院协调技术部门排查数据接口", "纳入\"一院一策\"整改计划挂图推进"];

/** Measures for a finding: the first is the handler's, later ones the head's and the leader's. */
export function measureTexts(category: FindingCategory, cls: RectificationClass, count: number, rng: Rng): string[] {
  const texts = rng.shuffle(MEASURES[category]).slice(0, count);
  if (cls === RectificationClass.ESCALATE && count > 1) texts[count - 1] = rng.pick(ESCALATION_MEASURES);
  return texts;
}

export const EXTRA_MEASURE = "根据验收意见补充整改材料,举一反三开展同类问题排查";

export const REJECTION_REASONS = [
  "整改材料未附更正后的系统截图,无法核实整改效果",
  "仅对本案进行了更正,未对同类案件开展自查,整改不到位",
  "补正的告知书缺少犯罪嫌疑人签名,整改不符合要求",
  "整改报告未说明原因分析和责任落实情况,请补充后重新提交",
  "整改措施停留在学习层面,未建立长效机制",
];

export const WITHDRAWAL_REASONS = [
  "经复核,相关文书已在规定期限内送达,系系统登记时间有误,问题不成立",
  "经核实,该案已依法变更管辖,问题不属于本单位,予以撤销",
  "经部门复核,承办人已按规定报请延长办案期限,问题不成立",
  "与已记录问题重复登记,予以撤销",
];

export function bulletinTitle(kind: "PROCESS_MONITORING" | "SAMPLING_ASSESSMENT" | "GOVERNANCE", year: number, month: number, round: number): string {
  switch (kind) {
    case "PROCESS_MONITORING":
      return `关于${year}年${month}月流程监控检查情况的通报`;
    case "SAMPLING_ASSESSMENT":
      return `${year}年第${round}轮特别抽样评估情况通报`;
    case "GOVERNANCE":
      return `关于${year}年${month}月政务运行情况的通报`;
  }
}

export const HIGHLIGHTS = [
  "东城区院第一检察部建立案卡填录\"双人复核\"机制,连续三个月流程监控零差错,予以通报表扬。",
  "西山区院控告申诉检察部落实\"7日内程序回复、3个月内办理过程或结果答复\",群众来信件件有回复。",
  "临江县院案件管理部坚持\"每日一案\"流程监控,登记完整规范,发现问题当日督促整改。",
  "市院第二检察部对羁押期限实行台账式管理,本期无超期羁押风险案件。",
  "东城区院未成年人检察部落实合适成年人到场制度,本期抽查案件程序全部规范。",
  "市院第三检察部检察建议书说理充分、跟踪落实到位,被建议单位整改率100%。",
];

export function accountabilityReason(kind: "overdue" | "longOverdue" | "rejected" | "repeat" | "unit", title: string, n: number, unitName = ""): string {
  switch (kind) {
    case "overdue":
      return `"${title}"问题整改逾期${n}日仍未完成,依规对承办人进行约谈,督促限期整改到位。`;
    case "longOverdue":
      return `"${title}"问题整改逾期${n}日,经约谈后仍未整改到位,对其进行诫勉谈话。`;
    case "rejected":
      return `"${title}"问题提交的整改材料经验收不合格被退回,整改不到位,依规进行约谈。`;
    case "repeat":
      return `"${title}"问题整改销号后再次发生,屡查屡犯,对其进行诫勉谈话。`;
    case "unit":
      return `${unitName}多项问题整改逾期未完成(${n}项),整改责任落实不力,予以通报批评。`;
  }
}

export const UNIT_TALK_REASON = (unitName: string, n: number) => `${unitName}${n}项问题整改逾期,约谈部门负责人,要求制定整改计划并限期销号。`;
