import { graphql } from "../gql";

/** 一院一策: plans the viewer may see, latest start first, with their flag counts now. */
export const PlanListDocument = graphql(`
  query PlanList($first: Int!, $after: String, $filter: PlanFilter) {
    plans(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id title startsOn endsOn status
          unit { id name parent { id name } }
          flagCounts { total red yellow black }
        }
      }
    }
  }
`);

/** One plan: its problems with their measures, the timetable and the progress chart (挂图). */
export const PlanDetailDocument = graphql(`
  query PlanDetail($id: ID!, $step: ProgressStep!) {
    plan(id: $id) {
      id title summary startsOn endsOn status version
      unit { id name parent { id name } }
      flagCounts { total red yellow black withdrawn }
      progress(step: $step) { date red yellow black withdrawn notYetFound }
      milestones { id position title dueOn done doneAt owner { id name } }
      findings {
        id code title status flag deadline overdue
        unit { id name }
        handler { id name }
        measures { id text due done doneAt owner { id name } }
      }
      timetable { kind due title done doneAt owner { id name } milestone { id } finding { id code } }
    }
  }
`);

/** The unit's ledger (its subtree), for adding findings to a plan. */
export const PlanCandidatesDocument = graphql(`
  query PlanCandidates($unit: ID!) {
    findings(first: 100, filter: { unit: $unit, status: [OPEN, RECTIFYING, SUBMITTED, VERIFIED] }) {
      edges { node { id code title flag deadline unit { id name } } }
    }
  }
`);

export const PlanCreateDocument = graphql(`
  mutation PlanCreate($input: CreatePlanInput!) {
    createPlan(input: $input) { id }
  }
`);

export const PlanAddFindingsDocument = graphql(`
  mutation PlanAddFindings($input: AddPlanFindingsInput!) {
    addPlanFindings(input: $input) { id version }
  }
`);

export const PlanRemoveFindingDocument = graphql(`
  mutation PlanRemoveFinding($input: RemovePlanFindingInput!) {
    removePlanFinding(input: $input) { id version }
  }
`);

export const PlanAddMilestoneDocument = graphql(`
  mutation PlanAddMilestone($input: AddPlanMilestoneInput!) {
    addPlanMilestone(input: $input) { id }
  }
`);

export const PlanCompleteMilestoneDocument = graphql(`
  mutation PlanCompleteMilestone($input: CompletePlanMilestoneInput!) {
    completePlanMilestone(input: $input) { id done }
  }
`);

export const PlanCloseDocument = graphql(`
  mutation PlanClose($input: PlanStepInput!) {
    closePlan(input: $input) { id status }
  }
`);
