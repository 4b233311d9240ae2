import { graphql } from "../gql";

/** Accountability actions (追责问责), newest decision first, one page. */
export const AccountabilityListDocument = graphql(`
  query AccountabilityList($first: Int!, $after: String, $filter: AccountabilityFilter) {
    accountabilityActions(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id kind reason decidedOn
          targetPerson { id name unit { id name } }
          targetUnit { id name }
          decidedBy { id name }
          findings { id code title }
        }
      }
    }
  }
`);

/** Units to filter by (the viewer's visible tree, in tree order). */
export const AccountabilityUnitsDocument = graphql(`
  query AccountabilityUnits {
    units(first: 100) {
      edges { node { id name depth } }
    }
  }
`);

/** People to filter by, within the chosen unit's subtree. */
export const AccountabilityPeopleDocument = graphql(`
  query AccountabilityPeople($unit: ID) {
    people(first: 100, filter: { unit: $unit }) {
      edges { node { id name unit { id name } } }
    }
  }
`);

/** 问责建议: who should receive which rung next, and why (the server only recommends). */
export const AccountabilityRecommendationsDocument = graphql(`
  query AccountabilityRecommendations($unit: ID) {
    accountabilityRecommendations(unit: $unit) {
      targetPerson { id name unit { id name } }
      targetUnit { id name }
      reasons { kind findings { id code title } }
      received
      next
      exhausted
      findings { id code }
    }
  }
`);

/** Records the decision a supervisor takes on a recommendation. */
export const RecordRecommendedActionDocument = graphql(`
  mutation RecordRecommendedAction($input: RecordAccountabilityActionInput!) {
    recordAccountabilityAction(input: $input) { id }
  }
`);
