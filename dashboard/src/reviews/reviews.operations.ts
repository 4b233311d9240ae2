import { graphql } from "../gql";

/** 一票否决 watch: what the table shows, from the query and from each live push alike. */
export const VetoWatchFieldsFragment = graphql(`
  fragment VetoWatchFields on VetoWatch {
    year vetoed atRisk watch
    rows {
      unqualified flaw status
      prosecutor { id name unit { id name kind parent { id name } } }
    }
  }
`);

export const VetoWatchDocument = graphql(`
  query VetoWatch($year: Int!, $unit: ID) {
    vetoWatch(year: $year, unit: $unit) { ...VetoWatchFields }
  }
`);

export const VetoWatchChangedDocument = graphql(`
  subscription VetoWatchChanged($year: Int!, $unit: ID) {
    vetoWatchChanged(year: $year, unit: $unit) { ...VetoWatchFields }
  }
`);

/** 评查登记: quality reviews, newest first, one page. */
export const QualityReviewListDocument = graphql(`
  query QualityReviewList($first: Int!, $after: String, $filter: QualityReviewFilter) {
    qualityReviews(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id caseRef mode result reviewedOn notes
          prosecutor { id name }
          unit { id name kind parent { id name } }
          reviewerUnit { id name kind parent { id name } }
          finding { id code title }
        }
      }
    }
  }
`);

export const QualityReviewRecordDocument = graphql(`
  mutation QualityReviewRecord($input: RecordQualityReviewInput!) {
    recordQualityReview(input: $input) { id caseRef finding { id code } }
  }
`);
