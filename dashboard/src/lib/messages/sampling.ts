import { defineMessages } from "./define";

export const sampling = defineMessages({
  // Special sampling assessment (特别抽样评估)
  "nav.sampling": { zh: "抽样评估", en: "Sampling" },
  "sampling.title": { zh: "特别抽样评估", en: "Special sampling assessment" },
  "sampling.intro": {
    zh: "每两个月随机抽取市院2个业务部门、1个综合部门和1个基层院（及其对口部门）；每个基层院每年至少抽查3次，市院各部门至少1次。",
    en: "Every two months a round draws 2 business and 1 comprehensive department of the city office and 1 basic-level office (with its departments of the same lines); each basic office at least 3 times a year, each city department at least once.",
  },
  "sampling.year": { zh: "年度", en: "Year" },
  "sampling.office": { zh: "市院", en: "City office" },
  "sampling.rounds": { zh: "全年轮次", en: "Rounds a year" },

  // Plan (抽样计划)
  "sampling.plan.title": { zh: "全年抽样频次", en: "Yearly quotas" },
  "sampling.plan.summary": { zh: "已抽 {drawn} 轮，剩余 {remaining} 轮（共 {rounds} 轮）", en: "{drawn} rounds drawn, {remaining} left (of {rounds})" },
  "sampling.plan.feasible": { zh: "按现有轮次可以完成全部抽样频次。", en: "The configured rounds can meet every quota." },
  "sampling.plan.infeasible": { zh: "按现有轮次无法完成全部抽样频次：", en: "The configured rounds cannot meet every quota:" },
  "sampling.plan.short": {
    zh: "{role}：{units} 个 × {perUnit} 次 = {required} 次，已完成 {met} 次；剩余轮次可抽 {capacity} 次（每轮 {perRound} 个），尚需 {needed} 次，缺 {shortfall} 次。",
    en: "{role}: {units} × {perUnit} = {required} draws, {met} done; the remaining rounds hold {capacity} ({perRound} a round) for the {needed} still needed, short by {shortfall}.",
  },
  "sampling.plan.tooFew": { zh: "{role}：每轮需抽 {need} 个，本院只有 {have} 个，无法抽取。", en: "{role}: a round draws {need}, the office has {have}; no round can be drawn." },
  "sampling.plan.caption": { zh: "各单位抽样频次", en: "Quota per unit" },
  "sampling.col.unit": { zh: "单位", en: "Unit" },
  "sampling.col.role": { zh: "类别", en: "Role" },
  "sampling.col.required": { zh: "应抽", en: "Required" },
  "sampling.col.drawn": { zh: "已抽", en: "Drawn" },
  "sampling.col.deficit": { zh: "尚需", en: "Still needed" },
  "sampling.col.shortfall": { zh: "缺口", en: "Shortfall" },
  "sampling.ok": { zh: "可完成", en: "Can be met" },
  "sampling.short": { zh: "缺 {n} 次", en: "Short by {n}" },

  // Draw (抽取)
  "sampling.draw.title": { zh: "抽取本轮", en: "Draw a round" },
  "sampling.draw.round": { zh: "轮次", en: "Round" },
  "sampling.draw.seed": { zh: "随机种子（可选）", en: "Seed (optional)" },
  "sampling.draw.seedHint": { zh: "留空则随机生成；种子与算法均留存，可复核。", en: "Leave empty for a random one; seed and algorithm are stored for audit." },
  "sampling.draw.compareWith": { zh: "对照轮次（可选）", en: "Compare with (optional)" },
  "sampling.draw.none": { zh: "不对照", en: "None" },
  "sampling.draw.submit": { zh: "抽取", en: "Draw" },
  "sampling.draw.done": { zh: "已抽取{year}年第{round}轮：种子 {seed}，算法 {algorithm}", en: "Drew round {round} of {year}: seed {seed}, algorithm {algorithm}" },
  "sampling.draw.allDrawn": { zh: "本年度轮次已全部抽取。", en: "Every round of the year is drawn." },

  // Rounds (抽样轮次)
  "sampling.rounds.title": { zh: "抽样轮次", en: "Rounds drawn" },
  "sampling.rounds.empty": { zh: "本年度尚未抽取", en: "No round drawn this year" },
  "sampling.round.name": { zh: "{year}年第{round}轮", en: "Round {round}, {year}" },
  "sampling.round.meta": { zh: "{at} 抽取 · 种子 {seed} · 算法 {algorithm}", en: "Drawn {at} · seed {seed} · algorithm {algorithm}" },
  "sampling.round.by": { zh: "抽取人 {name}", en: "Drawn by {name}" },
  "sampling.round.compared": { zh: "对照第{round}轮", en: "Compared with round {round}" },
  "sampling.round.findings": { zh: "发现问题 {n} 个", en: "{n} problems found" },
  "sampling.redraw": { zh: "按种子复核", en: "Re-draw from seed" },
  "sampling.redraw.same": { zh: "复核一致：按留存种子重新抽取，结果与留存一致", en: "Verified: re-drawing from the stored seed gives the stored picks" },
  "sampling.redraw.different": { zh: "复核不一致：单位设置已变化或记录被改动", en: "Mismatch: the units changed since, or the record was altered" },
  "sampling.col.position": { zh: "序号", en: "No." },
  "sampling.col.audit": { zh: "抽取依据", en: "Audit note" },

  // Compare (两次评估互相对照)
  "sampling.compare.title": { zh: "两次评估互相对照", en: "Compare two rounds" },
  "sampling.compare.a": { zh: "前一轮", en: "Earlier round" },
  "sampling.compare.b": { zh: "后一轮", en: "Later round" },
  "sampling.compare.submit": { zh: "对照", en: "Compare" },
  "sampling.compare.summary": { zh: "第{earlier}轮发现问题已整改销号 {resolved} 个，未销号 {unresolved} 个；第{later}轮发现问题 {later_n} 个。", en: "Round {earlier}: {resolved} problems resolved, {unresolved} not yet; round {later} found {later_n}." },
  "sampling.compare.empty": { zh: "前一轮没有登记问题", en: "The earlier round has no recorded problems" },
  "sampling.col.finding": { zh: "问题", en: "Problem" },
  "sampling.col.status": { zh: "状态", en: "Status" },
  "sampling.col.resolved": { zh: "是否解决", en: "Resolved" },
  "sampling.col.recurred": { zh: "后一轮是否再现", en: "Recurred" },
  "sampling.yes": { zh: "是", en: "Yes" },
  "sampling.no": { zh: "否", en: "No" },
  "sampling.resolved": { zh: "已解决", en: "Resolved" },
  "sampling.unresolved": { zh: "未解决", en: "Not resolved" },
});
