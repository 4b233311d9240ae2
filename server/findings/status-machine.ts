import { invalidTransition } from "../errors.js";
import { FindingStatus } from "./finding.enums.js";

const { OPEN, RECTIFYING, SUBMITTED, VERIFIED, WITHDRAWN } = FindingStatus;
const ACTIVE = [OPEN, RECTIFYING, SUBMITTED];

/**
 * Every step a finding can take, from which statuses, and where it goes. The only place the
 * workflow (OPEN → RECTIFYING → SUBMITTED → VERIFIED, SUBMITTED → RECTIFYING) is written down.
 */
const STEPS = {
  startRectification: { from: [OPEN], to: RECTIFYING },
  submitRectification: { from: [RECTIFYING], to: SUBMITTED },
  verifyRectification: { from: [SUBMITTED], to: VERIFIED },
  rejectRectification: { from: [SUBMITTED], to: RECTIFYING },
  withdrawFinding: { from: ACTIVE, to: WITHDRAWN },
  updateFinding: { from: [OPEN, RECTIFYING], to: null },
  addMeasure: { from: [OPEN, RECTIFYING], to: null },
  completeMeasure: { from: [OPEN, RECTIFYING], to: null },
  assignResponsibility: { from: ACTIVE, to: null },
  recordAccountabilityAction: { from: [...ACTIVE, VERIFIED], to: null },
} satisfies Record<string, { from: FindingStatus[]; to: FindingStatus | null }>;

export type FindingStep = keyof typeof STEPS;

/** The status after `step`, or INVALID_TRANSITION when the step is not allowed from `current`. */
export function nextStatus(current: FindingStatus, step: FindingStep): FindingStatus {
  const rule: { from: FindingStatus[]; to: FindingStatus | null } = STEPS[step];
  if (!rule.from.includes(current)) throw invalidTransition(current, step);
  return rule.to ?? current;
}

/** Steps allowed from a status (for clients that show only the buttons that work). */
export function allowedSteps(current: FindingStatus): FindingStep[] {
  return (Object.keys(STEPS) as FindingStep[]).filter((s) => (STEPS[s].from as FindingStatus[]).includes(current));
}
