import { graphql } from "../gql";

/** The bulletin list (通报), newest first, one page. */
export const BulletinListDocument = graphql(`
  query BulletinList($first: Int!, $after: String, $filter: BulletinFilter) {
    bulletins(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id issue year number kind title published publishedAt createdAt
          unit { id name }
          items { id }
        }
      }
    }
  }
`);

/**
 * One bulletin with its items. Published items carry what was named at publishing (unitName …);
 * a draft's items fall back to the finding as it is now.
 */
export const BulletinDetailDocument = graphql(`
  query BulletinDetail($id: ID!) {
    bulletin(id: $id) {
      id issue year number kind title published publishedAt createdAt
      unit { id name }
      items {
        id position kind text unitName departmentName handlerName caseRef example
        finding {
          id code title description caseRef
          unit { id name kind parent { id name } }
          handler { id name }
        }
      }
    }
  }
`);

/** Offices that may issue a bulletin (发布单位): the visible OFFICE units. */
export const BulletinOfficesDocument = graphql(`
  query BulletinOffices {
    units(first: 100, filter: { kind: OFFICE }) {
      edges { node { id name depth } }
    }
  }
`);

/** Findings to name in a bulletin, searched by text within a unit's subtree. */
export const BulletinFindingSearchDocument = graphql(`
  query BulletinFindingSearch($filter: FindingFilter) {
    findings(first: 20, filter: $filter, orderBy: { field: FOUND_AT, direction: DESC }) {
      totalCount
      edges {
        node {
          id code title caseRef status
          unit { id name kind parent { id name } }
          handler { id name }
        }
      }
    }
  }
`);

export const BulletinCreateDocument = graphql(`
  mutation BulletinCreate($input: CreateBulletinInput!) {
    createBulletin(input: $input) { id }
  }
`);

export const BulletinPublishDocument = graphql(`
  mutation BulletinPublish($id: ID!) {
    publishBulletin(id: $id) { id published year number issue publishedAt }
  }
`);
