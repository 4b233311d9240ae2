import { FindingSeverity } from "../findings/finding.enums.js";
import { QualityReviewMode, QualityReviewResult } from "./quality-review.type.js";
import { VetoStatus } from "./veto-watch.type.js";

/** The part of an office (检察院) unit the rules read. */
export interface Office {
  id: number;
  path: string;
  level: "PROVINCE" | "CITY" | "BASIC";
}

/** Unit ids on a materialised path, root first: "/1/4/17/" → [1, 4, 17]. */
export function pathIds(path: string): number[] {
  return path.split("/").filter(Boolean).map(Number);
}

/** The nearest office at or above a unit (its 本院): the deepest office on its path. */
export function nearestOffice(path: string, offices: readonly Office[]): Office | undefined {
  return offices.filter((o) => path.startsWith(o.path)).sort((a, b) => b.path.length - a.path.length)[0];
}

/**
 * Whether the reviewer's office may review a case of the prosecutor's office in this mode; the
 * reason when not. Offices, not departments, are compared: any department of an office reviews
 * as that office.
 * - OWN_OFFICE (本院评查): the same office.
 * - HIGHER_OFFICE (上级院评查): an office strictly above the prosecutor's.
 * - CROSS_REGION (异地交叉评查): another basic-level office outside the prosecutor's line: neither
 *   the prosecutor's own, nor above it, nor below it (a basic office does not review its city office).
 */
export function modeRefusal(mode: QualityReviewMode, prosecutorOffice: Office, reviewerOffice: Office): string | null {
  const same = reviewerOffice.id === prosecutorOffice.id;
  const above = !same && prosecutorOffice.path.startsWith(reviewerOffice.path);
  const below = !same && reviewerOffice.path.startsWith(prosecutorOffice.path);
  switch (mode) {
    case QualityReviewMode.OWN_OFFICE:
      return same ? null : "an own-office review (本院评查) is made by the prosecutor's own office";
    case QualityReviewMode.HIGHER_OFFICE:
      return above ? null : "a higher-office review (上级院评查) is made by an office above the prosecutor's";
    case QualityReviewMode.CROSS_REGION:
      return !same && !above && !below && reviewerOffice.level === "BASIC"
        ? null
        : "a cross-region review (异地交叉评查) is made by another basic-level office, not the prosecutor's own nor one above or below it";
    default: {
      const never: never = mode;
      throw new Error(`unknown mode ${String(never)}`);
    }
  }
}

/**
 * Severity of the finding a review opens: the result's by default. A FLAW (瑕疵) review may call
 * its problem IRREGULAR (不规范) but not UNQUALIFIED; an UNQUALIFIED (不合格) review's problem is
 * UNQUALIFIED, so the ledger never tells a different story than the review. Null when refused.
 */
export function findingSeverityFor(result: QualityReviewResult, asked: FindingSeverity | null | undefined): FindingSeverity | null {
  const fromResult = result === QualityReviewResult.UNQUALIFIED ? FindingSeverity.UNQUALIFIED : FindingSeverity.FLAW;
  if (asked == null || asked === fromResult) return fromResult;
  return result === QualityReviewResult.FLAW && asked === FindingSeverity.IRREGULAR ? asked : null;
}

/** 一票否决: one UNQUALIFIED, or three FLAW, in a year veto; two FLAW (and no UNQUALIFIED) are one short. */
export function vetoStatus(unqualified: number, flaw: number): VetoStatus {
  if (unqualified >= 1 || flaw >= 3) return VetoStatus.VETOED;
  if (flaw === 2) return VetoStatus.AT_RISK;
  return VetoStatus.WATCH;
}

export const VETO_ORDER: Record<VetoStatus, number> = { VETOED: 0, AT_RISK: 1, WATCH: 2 };
