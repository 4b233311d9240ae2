import { graphql } from "../gql";

/** 检务督察: one page of supervision items, newest start first. */
export const SupervisionListDocument = graphql(`
  query SupervisionList($first: Int!, $after: String, $filter: SupervisionItemFilter) {
    supervisionItems(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id code title source startedOn deadline status overdue inWarning daysLeft unit { id name } } }
    }
  }
`);

/** One item with its feedback thread and notices. */
export const SupervisionItemDocument = graphql(`
  query SupervisionItem($id: ID!) {
    node(id: $id) {
      __typename
      ... on SupervisionItem {
        id code title source requirements startedOn deadline warningAt status closedAt closingSummary version
        overdue inWarning daysLeft createdAt
        unit { id name }
        openedBy { id name }
        feedback { text createdAt author { id name } }
        notices { id kind code text issuedAt issuedBy { id name } findings { id code title status flag } }
      }
    }
  }
`);

export const SupervisionOpenDocument = graphql(`
  mutation SupervisionOpen($input: OpenSupervisionItemInput!) {
    openSupervisionItem(input: $input) { id code }
  }
`);

export const SupervisionFeedbackDocument = graphql(`
  mutation SupervisionFeedback($input: AddSupervisionFeedbackInput!) {
    addSupervisionFeedback(input: $input) { createdAt }
  }
`);

export const SupervisionCloseDocument = graphql(`
  mutation SupervisionClose($input: CloseSupervisionItemInput!) {
    closeSupervisionItem(input: $input) { id status version }
  }
`);

export const SupervisionIssueDocument = graphql(`
  mutation SupervisionIssue($input: IssueSupervisionNoticeInput!) {
    issueSupervisionNotice(input: $input) { id code findings { id code } }
  }
`);

/** 督察专报: the month's report as the printable page lays it out. */
export const SupervisionReportDocument = graphql(`
  query SupervisionReport($month: String!, $unit: ID) {
    supervisionReport(month: $month, unit: $unit) {
      month asOf unit { id name }
      opened closed open overdue suggestions rectificationNotices
      byUnit { unit { id name } own opened closed open overdue }
      overdueItems { id code title source startedOn deadline unit { id name } }
    }
  }
`);

/** The XLSX of the same report. */
export const supervisionReportXlsxHref = (month: string) => `/export/supervision-report.xlsx?${new URLSearchParams({ month }).toString()}`;
