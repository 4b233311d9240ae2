import { FindingCategory, FindingSeverity, RectificationClass } from "../../server/findings/finding.enums.js";
import type { Line } from "./org.js";

/** What a template's description may mention. */
export interface Particulars {
  /** e.g. 王某某涉嫌盗窃案; empty when the problem is not about a case. */
  caseName: string;
  caseRef: string;
  /** A small count (days, people, documents) that varies per finding. */
  n: number;
  dept: string;
  office: string;
}

/** A kind of problem the supervisors keep finding (the "4大类20项" list, fictionalised). */
export interface Template {
  title: string;
  category: FindingCategory;
  lines: Line[];
  severity: [FindingSeverity, number][];
  rectificationClass: RectificationClass;
  /** False for office work that has no case number. */
  hasCase: boolean;
  describe(p: Particulars): string;
}

const { FLAW, IRREGULAR, UNQUALIFIED } = FindingSeverity;
const { IMMEDIATE, GRADUAL, ESCALATE } = RectificationClass;
const { CASE_PROCEDURE, LEGAL_DOCUMENTS, CASE_INFORMATION, CONDUCT_DISCIPLINE } = FindingCategory;
const CRIMINAL: Line[] = ["GS", "ZJ", "WJ"];

const t = (
  title: string,
  category: FindingCategory,
  lines: Line[],
  severity: [FindingSeverity, number][],
  rectificationClass: RectificationClass,
  describe: (p: Particulars) => string,
  hasCase = true,
): Template => ({ title, category, lines, severity, rectificationClass, hasCase, describe });

export const TEMPLATES: Template[] = [
  // 案卡信息 case-card data
  t("案卡信息填录错误", CASE_INFORMATION, CRIMINAL, [[FLAW, 8], [IRREGULAR, 2]], IMMEDIATE, (p) =>
    `${p.caseName}(${p.caseRef})案卡"强制措施"项填录为"取保候审",与卷内《逮捕决定书》记载不一致,影响羁押期限预警。`),
  t("案卡必填项目漏填", CASE_INFORMATION, ["GS", "WJ", "MX"], [[FLAW, 9], [IRREGULAR, 1]], IMMEDIATE, (p) =>
    `${p.caseName}(${p.caseRef})办结后,案卡"认罪认罚""量刑建议采纳情况"等${p.n}项必填项目未填录,导致业务数据统计失真。`),
  t("受理登记信息不完整", CASE_INFORMATION, ["AG"], [[FLAW, 7], [IRREGULAR, 3]], IMMEDIATE, (p) =>
    `${p.caseName}(${p.caseRef})受理时未登记随案移送的涉案财物及光盘${p.n}件,案卡"随案移送物品"项为空。`),
  t("法律文书未及时上传统一业务应用系统", CASE_INFORMATION, ["GS", "ZJ", "MX", "KS"], [[FLAW, 7], [IRREGULAR, 3]], IMMEDIATE, (p) =>
    `${p.caseName}(${p.caseRef})审结后,《起诉书》等${p.n}份法律文书超过规定时间未上传统一业务应用系统,案件信息公开滞后。`),
  t("业务统计数据与案卡不一致", CASE_INFORMATION, ["AG"], [[FLAW, 5], [IRREGULAR, 5]], GRADUAL, (p) =>
    `${p.office}本月业务统计报表中"审查起诉案件数"与案卡汇总数相差${p.n}件,差异原因未作说明,数据核对机制未落实。`, false),
  t("统一业务应用系统与执法办案平台数据对接异常", CASE_INFORMATION, ["AG"], [[IRREGULAR, 7], [UNQUALIFIED, 1]], ESCALATE, (p) =>
    `${p.office}统一业务应用系统与公安机关执法办案平台数据对接异常,${p.n + 10}件案件电子卷宗未能同步,需市院协调技术部门解决。`, false),

  // 法律文书 legal documents
  t("法律文书送达不及时", LEGAL_DOCUMENTS, ["GS", "WJ", "KS"], [[IRREGULAR, 7], [FLAW, 3]], IMMEDIATE, (p) =>
    `${p.caseName}(${p.caseRef})《不起诉决定书》作出后第${p.n + 3}日才送达被不起诉人及被害人,超过规定期限,卷内送达回证日期与系统记录不符。`),
  t("讯问笔录签名缺失", LEGAL_DOCUMENTS, CRIMINAL, [[IRREGULAR, 6], [UNQUALIFIED, 3], [FLAW, 1]], IMMEDIATE, (p) =>
    `${p.caseName}(${p.caseRef})第${p.n}次讯问笔录末页无犯罪嫌疑人签名捺印,亦无讯问检察人员签名,笔录证明效力存在瑕疵。`),
  t("审查报告内容不全", LEGAL_DOCUMENTS, ["GS", "ZJ", "WJ"], [[FLAW, 6], [IRREGULAR, 4]], IMMEDIATE, (p) =>
    `${p.caseName}(${p.caseRef})《审查报告》未对辩护人提出的无罪辩护意见进行分析论证,证据分析部分仅罗列证据名称,未作综合判断。`),
  t("起诉书认定事实表述不准确", LEGAL_DOCUMENTS, ["GS"], [[FLAW, 8], [IRREGULAR, 2]], IMMEDIATE, (p) =>
    `${p.caseName}(${p.caseRef})起诉书将作案时间表述为"某日凌晨",与在案监控录像及被害人陈述认定的具体时间不一致,涉案金额计算有${p.n}处笔误。`),
  t("法律文书引用法律条文错误", LEGAL_DOCUMENTS, ["GS", "ZJ", "MX"], [[FLAW, 6], [IRREGULAR, 4]], IMMEDIATE, (p) =>
    `${p.caseName}(${p.caseRef})所出具的法律文书引用的司法解释条款已被修订,仍引用旧条文,文书说理依据不当。`),
  t("量刑建议书与起诉书内容不一致", LEGAL_DOCUMENTS, ["GS"], [[IRREGULAR, 7], [UNQUALIFIED, 2]], IMMEDIATE, (p) =>
    `${p.caseName}(${p.caseRef})《量刑建议书》建议判处有期徒刑${p.n}年,与起诉书所列从轻情节及认罪认罚具结书载明的量刑幅度不一致。`),
  t("检察建议书说理不充分", LEGAL_DOCUMENTS, ["MX", "WJ"], [[FLAW, 5], [IRREGULAR, 5]], GRADUAL, (p) =>
    `${p.caseName}(${p.caseRef})所发检察建议书仅列举问题,未载明法律依据和具体整改要求,被建议单位回复内容空泛,未跟踪落实。`),
  t("文书文号编排不规范", LEGAL_DOCUMENTS, ["AG", "KS"], [[FLAW, 10]], IMMEDIATE, (p) =>
    `${p.office}本季度${p.n + 1}份法律文书出现同一文号重复使用、跳号情况,文号管理台账未按月核对。`, false),

  // 办案程序 case procedure
  t("未按规定告知诉讼权利", CASE_PROCEDURE, CRIMINAL, [[IRREGULAR, 6], [UNQUALIFIED, 3]], IMMEDIATE, (p) =>
    `${p.caseName}(${p.caseRef})受理审查起诉后,未在3日内告知犯罪嫌疑人有权委托辩护人、告知被害人有权委托诉讼代理人,卷内无告知书。`),
  t("超期羁押风险未预警处置", CASE_PROCEDURE, ["ZJ", "GS"], [[UNQUALIFIED, 5], [IRREGULAR, 5]], GRADUAL, (p) =>
    `${p.caseName}(${p.caseRef})羁押期限届满前7日系统已提示预警,承办人未及时处置,至届满前${p.n}日才办理延长审查起诉期限手续。`),
  t("证据材料未随案移送", CASE_PROCEDURE, ["GS", "ZJ"], [[IRREGULAR, 7], [UNQUALIFIED, 2]], IMMEDIATE, (p) =>
    `${p.caseName}(${p.caseRef})提起公诉时,${p.n}份视听资料光盘及鉴定意见原件未随案移送人民法院,致庭审延期。`),
  t("涉案财物登记管理不规范", CASE_PROCEDURE, ["AG", "GS"], [[IRREGULAR, 8], [UNQUALIFIED, 2]], ESCALATE, (p) =>
    `${p.caseName}(${p.caseRef})扣押的手机${p.n}部、现金1.2万元未录入涉案财物管理系统,保管场所无出入库登记,需协调建设涉案财物集中管理场所。`),
  t("办案期限届满未及时办结", CASE_PROCEDURE, ["GS", "ZJ", "MX", "KS"], [[UNQUALIFIED, 4], [IRREGULAR, 6]], IMMEDIATE, (p) =>
    `${p.caseName}(${p.caseRef})办案期限已届满${p.n}日,承办人未报请延长,至检查时仍未作出处理决定。`),
  t("讯问未成年人未通知法定代理人到场", CASE_PROCEDURE, ["WJ"], [[UNQUALIFIED, 6], [IRREGULAR, 4]], IMMEDIATE, (p) =>
    `${p.caseName}(${p.caseRef})讯问未成年犯罪嫌疑人时,未通知其法定代理人或合适成年人到场,笔录中亦无相关记载。`),
  t("认罪认罚具结书无值班律师签名", CASE_PROCEDURE, ["GS", "WJ"], [[IRREGULAR, 8], [UNQUALIFIED, 2]], IMMEDIATE, (p) =>
    `${p.caseName}(${p.caseRef})签署认罪认罚具结书时值班律师未在场,具结书无律师签名,认罪认罚自愿性审查材料缺失。`),
  t("群众来信未在七日内程序回复", CASE_PROCEDURE, ["KS"], [[IRREGULAR, 7], [FLAW, 3]], IMMEDIATE, (p) =>
    `群众来信(${p.caseRef})受理后第${p.n + 7}日才作程序性回复,未落实"7日内程序回复、3个月内办理过程或结果答复"要求。`),
  t("刑事申诉审查超期", CASE_PROCEDURE, ["KS"], [[IRREGULAR, 6], [UNQUALIFIED, 2]], GRADUAL, (p) =>
    `${p.caseName}(${p.caseRef})申诉审查超过3个月未结,未按规定报请检察长批准延长,也未告知申诉人。`),
  t("民事监督案件未依法听取当事人意见", CASE_PROCEDURE, ["MX"], [[IRREGULAR, 7], [FLAW, 3]], GRADUAL, (p) =>
    `${p.caseName}(${p.caseRef})审查过程中未听取对方当事人意见,卷内无听取意见笔录或书面意见。`),
  t("立案监督线索未按期审查反馈", CASE_PROCEDURE, ["ZJ"], [[IRREGULAR, 8], [FLAW, 2]], GRADUAL, (p) =>
    `${p.caseName}(${p.caseRef})公安机关说明不立案理由后,承办人超过${p.n + 10}日未审查并作出决定,线索处理台账未更新。`),
  t("羁押必要性审查未按期开展", CASE_PROCEDURE, ["ZJ", "GS"], [[IRREGULAR, 7], [FLAW, 3]], GRADUAL, (p) =>
    `${p.caseName}(${p.caseRef})犯罪嫌疑人被逮捕后,未按规定在2个月内开展羁押必要性审查,卷内无审查记录。`),
  t("异地取证协作未落实", CASE_PROCEDURE, ["GS", "ZJ"], [[IRREGULAR, 6], [FLAW, 4]], ESCALATE, (p) =>
    `${p.caseName}(${p.caseRef})关键证人在外省,异地调取证据协作函发出${p.n + 20}日未获回复,补充侦查提纲执行停滞,需上级院协调。`),

  // 司法作风与纪律 conduct and discipline
  t("接待来访群众态度生硬", CONDUCT_DISCIPLINE, ["KS"], [[FLAW, 8], [IRREGULAR, 2]], IMMEDIATE, (p) =>
    `来访群众反映,${p.dept}工作人员在接待时语气生硬、未一次性告知所需材料,致其往返${p.n}次。`, false),
  t("上班时间脱岗", CONDUCT_DISCIPLINE, ["BGS", "ZZB", "GS", "ZJ", "MX"], [[IRREGULAR, 8], [FLAW, 2]], IMMEDIATE, (p) =>
    `作风督察中发现,${p.dept}${p.n}名干警上班时间不在岗,未履行请销假手续,考勤记录与实际不符。`, false),
  t("会见律师未按规定登记", CONDUCT_DISCIPLINE, ["GS", "ZJ"], [[IRREGULAR, 7], [UNQUALIFIED, 1]], IMMEDIATE, (p) =>
    `承办检察官在办公室单独接待${p.caseName}辩护律师,未在律师接待系统登记,也未安排两人以上在场。`),
  t("公务用车使用登记不规范", CONDUCT_DISCIPLINE, ["BGS"], [[IRREGULAR, 6], [FLAW, 4]], GRADUAL, (p) =>
    `${p.office}公务用车派车单未填写事由及起止里程,${p.n + 2}次出车无审批记录,车辆管理制度执行不严。`, false),
  t("上级院转办文件逾期未反馈", CONDUCT_DISCIPLINE, ["BGS"], [[FLAW, 7], [IRREGULAR, 3]], IMMEDIATE, (p) =>
    `市院转办的督办文件逾期${p.n}日未办结反馈,公文流转系统中无催办记录。`, false),
  t("干部人事档案材料归档不及时", CONDUCT_DISCIPLINE, ["ZZB"], [[FLAW, 8], [IRREGULAR, 2]], GRADUAL, (p) =>
    `年度考核登记表等材料未在规定期限内归入干部人事档案,涉及干警${p.n + 3}人。`, false),
  t("教育培训台账缺失", CONDUCT_DISCIPLINE, ["ZZB"], [[FLAW, 10]], GRADUAL, (p) =>
    `${p.office}上半年业务培训${p.n + 1}次无签到记录和培训材料,教育培训台账未建立。`, false),
  t("党组决策部署落实滞后", CONDUCT_DISCIPLINE, ["BGS", "GS", "ZJ", "MX"], [[IRREGULAR, 7], [FLAW, 3]], GRADUAL, (p) =>
    `院党组部署的"案件比"压降工作,${p.dept}未按时间节点报送推进情况,逾期${p.n}日,相关措施未落地。`, false),
  t("值班制度落实不到位", CONDUCT_DISCIPLINE, ["BGS"], [[FLAW, 8], [IRREGULAR, 2]], IMMEDIATE, (p) =>
    `节假日值班期间,值班人员${p.n}次未按要求在岗,值班记录填写不全。`, false),
  t("涉密文件借阅管理不规范", CONDUCT_DISCIPLINE, ["BGS", "ZZB"], [[IRREGULAR, 7], [UNQUALIFIED, 1]], GRADUAL, (p) =>
    `${p.n}份涉密文件借阅后逾期未归还,借阅登记缺少审批签字,保密管理制度执行不到位。`, false),
];

/** Templates that fit a department line. */
export function templatesFor(line: Line): Template[] {
  return TEMPLATES.filter((template) => template.lines.includes(line));
}
