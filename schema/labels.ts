/**
 * Display words for the API's enum values, in both UI languages. The dashboard's i18n and the
 * server's XLSX export read the same table, so a value is named the same on screen and on paper.
 */
export const enumLabels = {
  FindingStatus: {
    OPEN: { zh: "待整改", en: "Open" },
    RECTIFYING: { zh: "整改中", en: "Rectifying" },
    SUBMITTED: { zh: "已提交待核查", en: "Submitted" },
    VERIFIED: { zh: "已销号", en: "Verified" },
    WITHDRAWN: { zh: "已撤销", en: "Withdrawn" },
  },
  Flag: {
    RED: { zh: "红旗", en: "Red flag" },
    YELLOW: { zh: "黄旗", en: "Yellow flag" },
    BLACK: { zh: "黑旗", en: "Black flag" },
  },
  FindingCategory: {
    CASE_PROCEDURE: { zh: "办案程序", en: "Case procedure" },
    LEGAL_DOCUMENTS: { zh: "法律文书", en: "Legal documents" },
    CASE_INFORMATION: { zh: "案件信息", en: "Case information" },
    CONDUCT_DISCIPLINE: { zh: "纪律作风", en: "Conduct and discipline" },
  },
  FindingSeverity: {
    FLAW: { zh: "瑕疵", en: "Flaw" },
    IRREGULAR: { zh: "不规范", en: "Irregular" },
    UNQUALIFIED: { zh: "不合格", en: "Unqualified" },
  },
  FindingSource: {
    PROCESS_MONITORING: { zh: "流程监控", en: "Process monitoring" },
    SAMPLING: { zh: "特别抽样评估", en: "Sampling assessment" },
    QUALITY_REVIEW: { zh: "案件质量评查", en: "Quality review" },
    SUPERVISION: { zh: "检务督察", en: "Inspection supervision" },
  },
  RectificationClass: {
    IMMEDIATE: { zh: "立行立改", en: "Immediate" },
    GRADUAL: { zh: "逐步解决", en: "Gradual" },
    ESCALATE: { zh: "需上级院协调", en: "Escalate" },
  },
  ResponsibilityTier: {
    PRIMARY: { zh: "首要责任", en: "Primary" },
    MAIN: { zh: "主要责任", en: "Main" },
    DIRECT: { zh: "直接责任", en: "Direct" },
  },
  AccountabilityKind: {
    TALK: { zh: "约谈", en: "Talk" },
    ADMONISHMENT: { zh: "诫勉谈话", en: "Admonishment" },
    BULLETIN_CRITICISM: { zh: "通报批评", en: "Bulletin criticism" },
  },
  AccountabilityReasonKind: {
    OVERDUE: { zh: "超期未整改", en: "Overdue" },
    REJECTED: { zh: "整改被退回", en: "Rectification rejected" },
    REPEAT: { zh: "同类问题重复发生", en: "Repeated problem" },
  },
  BulletinKind: {
    PROCESS_MONITORING: { zh: "流程监控检查情况", en: "Process monitoring" },
    SAMPLING_ASSESSMENT: { zh: "特别抽样评估通报", en: "Sampling assessment" },
    GOVERNANCE: { zh: "政务运行情况", en: "Governance" },
  },
  BulletinItemKind: {
    CRITICISM: { zh: "批评曝光", en: "Criticism" },
    HIGHLIGHT: { zh: "亮点", en: "Highlight" },
  },
  PersonPosition: {
    LEADER: { zh: "院领导", en: "Leader" },
    DEPT_HEAD: { zh: "部门负责人", en: "Department head" },
    PROSECUTOR: { zh: "检察官", en: "Prosecutor" },
    ASSISTANT: { zh: "检察官助理", en: "Assistant" },
    CLERK: { zh: "书记员", en: "Clerk" },
  },
  SupervisorKind: {
    CASE_MANAGEMENT: { zh: "案管流程监管员", en: "Case-management supervisor" },
    BUSINESS: { zh: "业务条线监管员", en: "Business-line supervisor" },
  },
  InspectionResult: {
    NO_PROBLEM: { zh: "未发现问题", en: "No problem" },
    PROBLEM: { zh: "发现问题", en: "Problem found" },
    QUALIFIED: { zh: "合格", en: "Qualified" },
    FLAW: { zh: "瑕疵", en: "Flawed" },
    UNQUALIFIED: { zh: "不合格", en: "Unqualified" },
  },
  QualityReviewMode: {
    OWN_OFFICE: { zh: "本院评查", en: "Own office" },
    HIGHER_OFFICE: { zh: "上级院评查", en: "Higher office" },
    CROSS_REGION: { zh: "交叉评查", en: "Cross-region" },
  },
  QualityReviewResult: {
    QUALIFIED: { zh: "合格", en: "Qualified" },
    FLAW: { zh: "瑕疵", en: "Flawed" },
    UNQUALIFIED: { zh: "不合格", en: "Unqualified" },
  },
  VetoStatus: {
    VETOED: { zh: "一票否决", en: "Vetoed" },
    AT_RISK: { zh: "临界预警", en: "At risk" },
    WATCH: { zh: "关注", en: "Watch" },
  },
  SupervisionSource: {
    LEADER_ASSIGNED: { zh: "领导交办", en: "Assigned by leadership" },
    HIGHER_OFFICE: { zh: "上级交办", en: "Assigned by higher office" },
    COMPLAINT: { zh: "信访举报", en: "Complaint or report" },
    ROUTINE: { zh: "日常督察", en: "Routine supervision" },
    SPECIAL: { zh: "专项督察", en: "Special campaign" },
  },
  SupervisionStatus: {
    OPEN: { zh: "办理中", en: "Open" },
    CLOSED: { zh: "已办结", en: "Closed" },
  },
  SupervisionNoticeKind: {
    SUGGESTION: { zh: "督察建议", en: "Supervision suggestion" },
    RECTIFICATION_NOTICE: { zh: "整改通知书", en: "Rectification notice" },
  },
  PlanStatus: {
    ACTIVE: { zh: "进行中", en: "Active" },
    CLOSED: { zh: "已结束", en: "Closed" },
  },
  TimetableEntryKind: {
    MILESTONE: { zh: "时间节点", en: "Milestone" },
    MEASURE: { zh: "整改措施", en: "Measure" },
  },
  ProgressStep: {
    DAY: { zh: "按日", en: "Daily" },
    WEEK: { zh: "按周", en: "Weekly" },
    MONTH: { zh: "按月", en: "Monthly" },
  },
  SamplingPickRole: {
    CITY_BUSINESS: { zh: "市院业务部门", en: "City business department" },
    CITY_COMPREHENSIVE: { zh: "市院综合部门", en: "City comprehensive department" },
    BASIC_OFFICE: { zh: "基层院", en: "Basic-level office" },
    BASIC_DEPARTMENT: { zh: "基层院对口部门", en: "Basic office department (same line)" },
  },
  Role: {
    ADMIN: { zh: "系统管理员", en: "Administrator" },
    SUPERVISOR: { zh: "案管监督员", en: "Case-management supervisor" },
    LINE_SUPERVISOR: { zh: "业务条线监督员", en: "Business-line supervisor" },
    UNIT_HEAD: { zh: "单位负责人", en: "Unit head" },
    VIEWER: { zh: "查阅人员", en: "Viewer" },
  },
} as const satisfies Record<string, Record<string, { zh: string; en: string }>>;

export type EnumName = keyof typeof enumLabels;
export type Lang = "zh" | "en";

/** The word for an enum value, or the value itself when the table does not know it. */
export function enumLabel(name: EnumName, value: string, lang: Lang): string {
  const row = (enumLabels[name] as Record<string, { zh: string; en: string }>)[value];
  return row ? row[lang] : value;
}
