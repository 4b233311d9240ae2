import { locale } from "../lib/i18n.svelte";

/** A compliance rate (0…1) as a percentage, one decimal at most: 81.8%. */
export function percent(rate: number): string {
  return new Intl.NumberFormat(locale.lang === "zh" ? "zh-CN" : "en-GB", { style: "percent", maximumFractionDigits: 1 }).format(rate);
}

/** How a rate reads at a glance; the word beside the bar says the same, so colour is never alone. */
export function rateTone(rate: number): "met" | "near" | "low" {
  return rate >= 1 ? "met" : rate >= 0.8 ? "near" : "low";
}
