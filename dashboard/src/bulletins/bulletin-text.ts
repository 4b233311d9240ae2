import { locale, t } from "../lib/i18n.svelte";

interface Numbered {
  year?: number | null;
  number?: number | null;
}

/** 2026年第3期 / "No. 3, 2026"; 草稿 / "Draft" before publishing. */
export function issueLabel(bulletin: Numbered): string {
  return bulletin.year != null && bulletin.number != null ? t("bulletins.issue", { year: bulletin.year, number: bulletin.number }) : t("bulletins.draft");
}

const longDates = new Map<string, Intl.DateTimeFormat>();

/** An instant as a document date in Asia/Shanghai: 2026年3月5日 / 5 March 2026. */
export function documentDate(iso: string | null | undefined): string {
  if (!iso) return "";
  let f = longDates.get(locale.lang);
  if (!f) {
    f = new Intl.DateTimeFormat(locale.lang === "zh" ? "zh-CN" : "en-GB", { dateStyle: "long", timeZone: "Asia/Shanghai" });
    longDates.set(locale.lang, f);
  }
  return f.format(new Date(iso));
}

interface NamedUnit {
  name: string;
  kind: string;
  parent?: { name: string } | null;
}

/** Office and department a finding's unit stands for, named the way publishing freezes them. */
export function officeAndDepartment(unit: NamedUnit | null | undefined): { office: string | null; department: string | null } {
  if (!unit) return { office: null, department: null };
  return unit.kind === "DEPARTMENT" ? { office: unit.parent?.name ?? unit.name, department: unit.name } : { office: unit.name, department: null };
}
