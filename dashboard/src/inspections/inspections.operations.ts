import { graphql } from "../gql";

/** 每日一案 / 每周两案: quota compliance per process supervisor (流程监管员), least compliant first. */
export const InspectionQuotaTableDocument = graphql(`
  query InspectionQuotaTable($from: LocalDate!, $to: LocalDate!, $unit: ID) {
    inspectionQuota(from: $from, to: $to, unit: $unit) {
      from to workingDays complianceRate
      rows {
        kind required done met missingDays complianceRate
        shortWeeks { weekStart required done }
        supervisor { id name unit { id name } }
      }
    }
  }
`);

/** 检查登记: the period's inspections, newest first, one page. */
export const InspectionRegisterDocument = graphql(`
  query InspectionRegister($first: Int!, $after: String, $filter: InspectionFilter) {
    inspections(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id caseRef inspectedOn source result notes
          supervisor { id name }
          unit { id name kind parent { id name } }
          findings { id code title }
        }
      }
    }
  }
`);

export const InspectionRecordDocument = graphql(`
  mutation InspectionRecord($input: RecordInspectionInput!) {
    recordInspection(input: $input) { id caseRef findings { id code } }
  }
`);
