import { graphql } from "../gql";

/** 联席会议: the month's report as the printable page lays it out. */
export const JointMeetingReportDocument = graphql(`
  query JointMeetingReport($month: String!, $unit: ID) {
    jointMeetingReport(month: $month, unit: $unit) {
      month asOf summary unit { id name }
      inspections inspectionsWithProblem inspectionsBySupervisorKind { supervisorKind inspections withProblem }
      found foundCategories byCategory { category count } bySeverity { severity count }
      byUnit { unit { id name } found verified overdue }
      status { open rectifying submitted verified withdrawn }
      overdueCount overdue { id code title deadline status unit { id name } handler { id name } }
      accountabilityActions { id kind reason decidedOn targetPerson { id name } targetUnit { id name } }
      accountabilityByKind { kind count }
    }
  }
`);

/** The month before the Shanghai month of `today` (YYYY-MM-DD), as YYYY-MM: the meeting on the 5th reports on it. */
export function previousMonth(today: string): string {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

/** The XLSX of the same report. */
export const jointMeetingXlsxHref = (month: string) => `/export/joint-meeting.xlsx?${new URLSearchParams({ month }).toString()}`;
