import { enumLabel, type EnumName, type Lang } from "../../../schema/labels";
import { ApiError } from "./api";
import { messages, type MessageKey } from "./messages";

const STORAGE_KEY = "sv.lang";

/** The UI language: zh-CN unless this browser chose English before (remembered in localStorage). */
class Locale {
  lang = $state<Lang>(localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "zh");

  constructor() {
    document.documentElement.lang = this.lang === "zh" ? "zh-CN" : "en";
  }

  set(lang: Lang) {
    this.lang = lang;
    localStorage.setItem(STORAGE_KEY, lang);
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  }

  toggle() {
    this.set(this.lang === "zh" ? "en" : "zh");
  }
}

export const locale = new Locale();

/** The message for `key` in the current language, `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = messages[key][locale.lang];
  return params ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? "")) : text;
}

/** The word for an API enum value (status, flag, category …) in the current language. */
export function label(name: EnumName, value: string | null | undefined): string {
  return value ? enumLabel(name, value, locale.lang) : "";
}

const TIME_ZONE = "Asia/Shanghai";
const formats = new Map<string, Intl.DateTimeFormat>();
function format(kind: "date" | "dateTime" | "time"): Intl.DateTimeFormat {
  const key = `${locale.lang}:${kind}`;
  let f = formats.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === "date"
        ? { year: "numeric", month: "2-digit", day: "2-digit" }
        : kind === "time"
          ? { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false }
          : { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false };
    f = new Intl.DateTimeFormat(locale.lang === "zh" ? "zh-CN" : "en-GB", { ...options, timeZone: TIME_ZONE });
    formats.set(key, f);
  }
  return f;
}

/** An instant (ISO string) as date and time in Asia/Shanghai. */
export const formatDateTime = (iso: string | null | undefined) => (iso ? format("dateTime").format(new Date(iso)) : "");
/** An instant as the time of day in Asia/Shanghai. */
export const formatTime = (iso: string | Date | null | undefined) => (iso ? format("time").format(new Date(iso)) : "");
/** A calendar date (LocalDate, already a Shanghai date) shown as it is: YYYY-MM-DD. */
export const formatDay = (day: string | null | undefined) => day ?? "";
/** Today's date in Asia/Shanghai as YYYY-MM-DD. */
export const shanghaiToday = (now = new Date()) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);

/** A user-facing sentence for an API error (field messages are shown next to their fields instead). */
export function errorText(error: unknown): string {
  if (!(error instanceof ApiError)) return t("error.internal");
  switch (error.code) {
    case "NETWORK":
      return t("error.network");
    case "FORBIDDEN":
      return t("error.forbidden");
    case "NOT_FOUND":
      return t("error.notFound");
    case "CONFLICT":
      return t("error.conflict");
    case "INVALID_TRANSITION":
      return t("error.invalidTransition");
    case "UNAUTHENTICATED":
      return t("error.sessionExpired");
    case "RATE_LIMITED":
      return t("login.rateLimited");
    case "BAD_USER_INPUT":
      return `${t("error.badInput")}: ${error.issues[0]?.message ?? ""}`;
    default:
      return t("error.internal");
  }
}
