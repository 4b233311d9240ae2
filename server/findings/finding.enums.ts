import { registerEnumType } from "type-graphql";

export enum FindingCategory {
  CASE_PROCEDURE = "CASE_PROCEDURE",
  LEGAL_DOCUMENTS = "LEGAL_DOCUMENTS",
  CASE_INFORMATION = "CASE_INFORMATION",
  CONDUCT_DISCIPLINE = "CONDUCT_DISCIPLINE",
}
export enum FindingSeverity {
  FLAW = "FLAW",
  IRREGULAR = "IRREGULAR",
  UNQUALIFIED = "UNQUALIFIED",
}
export enum FindingSource {
  PROCESS_MONITORING = "PROCESS_MONITORING",
  SAMPLING = "SAMPLING",
  QUALITY_REVIEW = "QUALITY_REVIEW",
  SUPERVISION = "SUPERVISION",
}
export enum RectificationClass {
  IMMEDIATE = "IMMEDIATE",
  GRADUAL = "GRADUAL",
  ESCALATE = "ESCALATE",
}
export enum FindingStatus {
  OPEN = "OPEN",
  RECTIFYING = "RECTIFYING",
  SUBMITTED = "SUBMITTED",
  VERIFIED = "VERIFIED",
  WITHDRAWN = "WITHDRAWN",
}
export enum Flag {
  RED = "RED",
  YELLOW = "YELLOW",
  BLACK = "BLACK",
}
export enum ResponsibilityTier {
  PRIMARY = "PRIMARY",
  MAIN = "MAIN",
  DIRECT = "DIRECT",
}

registerEnumType(FindingCategory, {
  name: "FindingCategory",
  description: "Problem category (问题类别).",
  valuesConfig: {
    CASE_PROCEDURE: { description: "办案程序 case procedure" },
    LEGAL_DOCUMENTS: { description: "法律文书 legal documents" },
    CASE_INFORMATION: { description: "案卡信息 case-card and statistics data" },
    CONDUCT_DISCIPLINE: { description: "司法作风与纪律 conduct and discipline" },
  },
});
registerEnumType(FindingSeverity, {
  name: "FindingSeverity",
  description: "How serious a problem is.",
  valuesConfig: {
    FLAW: { description: "瑕疵 flaw" },
    IRREGULAR: { description: "不规范 irregular" },
    UNQUALIFIED: { description: "不合格 unqualified" },
  },
});
registerEnumType(FindingSource, {
  name: "FindingSource",
  description: "The supervision process that found the problem.",
  valuesConfig: {
    PROCESS_MONITORING: { description: "流程监控 process monitoring" },
    SAMPLING: { description: "特别抽样评估 special sampling assessment" },
    QUALITY_REVIEW: { description: "案件质量评查 case quality review" },
    SUPERVISION: { description: "检务督察 inspection supervision" },
  },
});
registerEnumType(RectificationClass, {
  name: "RectificationClass",
  description: "How the problem is to be fixed (整改分类).",
  valuesConfig: {
    IMMEDIATE: { description: "立行立改 fix at once" },
    GRADUAL: { description: "逐步解决 fix step by step" },
    ESCALATE: { description: "需上级院协调 needs the higher office" },
  },
});
registerEnumType(FindingStatus, {
  name: "FindingStatus",
  description: "Workflow status: OPEN → RECTIFYING → SUBMITTED → VERIFIED; SUBMITTED → RECTIFYING on reject.",
  valuesConfig: {
    OPEN: { description: "待整改 recorded, not started" },
    RECTIFYING: { description: "整改中 being fixed" },
    SUBMITTED: { description: "待验收 fix submitted for verification" },
    VERIFIED: { description: "已销号 verified and struck off the ledger" },
    WITHDRAWN: { description: "已撤销 withdrawn with a reason" },
  },
});
registerEnumType(Flag, {
  name: "Flag",
  description: "Ledger flag (红黄黑旗), derived from status, deadline and the clock in Asia/Shanghai.",
  valuesConfig: {
    RED: { description: "红旗 verified" },
    YELLOW: { description: "黄旗 in progress within the deadline" },
    BLACK: { description: "黑旗 past the deadline and not verified" },
  },
});
registerEnumType(ResponsibilityTier, {
  name: "ResponsibilityTier",
  description: "Tier of responsibility (责任层级).",
  valuesConfig: {
    PRIMARY: { description: "首要责任 leadership" },
    MAIN: { description: "主要责任 department head" },
    DIRECT: { description: "直接责任 handler" },
  },
});
