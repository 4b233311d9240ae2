import { graphql } from "../gql";

/** Everything the wall shows from the board itself; the snapshot query and the live push share it. */
export const WallBoardFieldsFragment = graphql(`
  fragment WallBoardFields on Board {
    open overdue inWarning verifiedThisMonth rectificationRate asOf
    quota { complianceRate supervisors belowQuota }
    veto { vetoed atRisk }
    unit { id name }
    units { unit { id name } open overdue inWarning red yellow black }
    trend(months: 12) { month opened verified }
  }
`);

/** What the wall lists beside the counters: the latest published bulletin and recent actions. */
export const WallBoardListsFragment = graphql(`
  fragment WallBoardLists on Query {
    bulletins(first: 1, filter: { published: true }) {
      edges {
        node {
          id issue title publishedAt
          items { id kind text unitName departmentName handlerName caseRef example }
        }
      }
    }
    accountabilityActions(first: 6) {
      edges {
        node {
          id kind reason decidedOn
          targetPerson { id name unit { id name } }
          targetUnit { id name }
        }
      }
    }
  }
`);

/** A full snapshot: on opening and each time the connection comes back. */
export const WallBoardSnapshotDocument = graphql(`
  query WallBoardSnapshot {
    board { ...WallBoardFields }
    ...WallBoardLists
  }
`);

/** The lists alone, re-read after each live push (the push carries the board only). */
export const WallBoardListsDocument = graphql(`
  query WallBoardListsRefresh {
    ...WallBoardLists
  }
`);

export const WallBoardChangedDocument = graphql(`
  subscription WallBoardChanged {
    boardChanged { ...WallBoardFields }
  }
`);
