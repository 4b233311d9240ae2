import { pgEnum } from "drizzle-orm/pg-core";

// Enum names and values are part of the GraphQL contract; keep them in step with server/*/**.type.ts.
export const unitKind = pgEnum("unit_kind", ["OFFICE", "DEPARTMENT"]);
export const unitLevel = pgEnum("unit_level", ["PROVINCE", "CITY", "BASIC"]);
export const unitCategory = pgEnum("unit_category", ["BUSINESS", "COMPREHENSIVE"]);
export const personPosition = pgEnum("person_position", ["LEADER", "DEPT_HEAD", "PROSECUTOR", "ASSISTANT", "CLERK"]);
export const supervisorKind = pgEnum("supervisor_kind", ["CASE_MANAGEMENT", "BUSINESS"]);
export const findingCategory = pgEnum("finding_category", [
  "CASE_PROCEDURE",
  "LEGAL_DOCUMENTS",
  "CASE_INFORMATION",
  "CONDUCT_DISCIPLINE",
]);
export const findingSeverity = pgEnum("finding_severity", ["FLAW", "IRREGULAR", "UNQUALIFIED"]);
export const findingSource = pgEnum("finding_source", ["PROCESS_MONITORING", "SAMPLING", "QUALITY_REVIEW", "SUPERVISION"]);
export const rectificationClass = pgEnum("rectification_class", ["IMMEDIATE", "GRADUAL", "ESCALATE"]);
export const findingStatus = pgEnum("finding_status", ["OPEN", "RECTIFYING", "SUBMITTED", "VERIFIED", "WITHDRAWN"]);
export const responsibilityTier = pgEnum("responsibility_tier", ["PRIMARY", "MAIN", "DIRECT"]);
export const accountabilityKind = pgEnum("accountability_kind", ["TALK", "ADMONISHMENT", "BULLETIN_CRITICISM"]);
export const bulletinKind = pgEnum("bulletin_kind", ["PROCESS_MONITORING", "SAMPLING_ASSESSMENT", "GOVERNANCE"]);
export const bulletinItemKind = pgEnum("bulletin_item_kind", ["CRITICISM", "HIGHLIGHT"]);
/** HOLIDAY: a day off (法定节假日); WORKDAY: a weekend day worked (调休上班); NORMAL: back to the weekday rule. */
export const calendarDayKind = pgEnum("calendar_day_kind", ["HOLIDAY", "WORKDAY", "NORMAL"]);
/** NO_PROBLEM / PROBLEM for process monitoring; QUALIFIED / FLAW / UNQUALIFIED for quality reviews (评查). */
export const inspectionResult = pgEnum("inspection_result", ["NO_PROBLEM", "PROBLEM", "QUALIFIED", "FLAW", "UNQUALIFIED"]);
/** 评查方式: 本院评查 / 上级院评查 (提级抽查复核) / 异地交叉评查. */
export const qualityReviewMode = pgEnum("quality_review_mode", ["OWN_OFFICE", "HIGHER_OFFICE", "CROSS_REGION"]);
/** 评查结果: 合格 / 瑕疵 / 不合格. */
export const qualityReviewResult = pgEnum("quality_review_result", ["QUALIFIED", "FLAW", "UNQUALIFIED"]);
/** 特别抽样评估 picks: 2 business and 1 comprehensive department of the city office, 1 basic office and its departments of the same lines. */
export const samplingPickRole = pgEnum("sampling_pick_role", ["CITY_BUSINESS", "CITY_COMPREHENSIVE", "BASIC_OFFICE", "BASIC_DEPARTMENT"]);
/** 督察立项来源: 领导交办 / 上级交办 / 举报投诉 / 日常督察 / 专项督察. */
export const supervisionSource = pgEnum("supervision_source", ["LEADER_ASSIGNED", "HIGHER_OFFICE", "COMPLAINT", "ROUTINE", "SPECIAL"]);
export const supervisionStatus = pgEnum("supervision_status", ["OPEN", "CLOSED"]);
/** 督察建议 / 整改通知书 issued from a supervision item. */
export const supervisionNoticeKind = pgEnum("supervision_notice_kind", ["SUGGESTION", "RECTIFICATION_NOTICE"]);
/** 一院一策 plan status. */
export const planStatus = pgEnum("plan_status", ["ACTIVE", "CLOSED"]);
