import { graphql } from "../gql";

/** What a ledger or my-items row shows; ledgerChanged sends the same fields so a row updates in place. */
export const LedgerRowFragment = graphql(`
  fragment LedgerRow on Finding {
    id code title caseRef status flag overdue inWarning deadline foundAt updatedAt version
    unit { id name kind parent { id name } }
    handler { id name }
  }
`);

export const LedgerFindingsDocument = graphql(`
  query LedgerFindings($first: Int!, $after: String, $filter: FindingFilter, $orderBy: FindingOrder) {
    findings(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ...LedgerRow } }
    }
  }
`);

export const LedgerChangedDocument = graphql(`
  subscription LedgerChanged($filter: FindingFilter) {
    ledgerChanged(filter: $filter) {
      seq action matches
      finding { ...LedgerRow }
    }
  }
`);

/** Units the viewer may see, in tree order (a page of the unit pickers). */
export const FindingUnitOptionsDocument = graphql(`
  query FindingUnitOptions($after: String) {
    units(first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node { id name kind depth parent { id name } } }
    }
  }
`);

export const FindingPeopleOptionsDocument = graphql(`
  query FindingPeopleOptions($unit: ID) {
    people(first: 100, filter: { unit: $unit }) {
      edges { node { id name position unit { id name } } }
    }
  }
`);

/** Process supervisors (流程监管员) the viewer may see: who finds and who verifies. */
export const FindingSupervisorOptionsDocument = graphql(`
  query FindingSupervisorOptions {
    caseManagement: people(first: 100, filter: { supervisorKind: CASE_MANAGEMENT }) {
      edges { node { id name position unit { id name } } }
    }
    business: people(first: 100, filter: { supervisorKind: BUSINESS }) {
      edges { node { id name position unit { id name } } }
    }
  }
`);

export const FindingDetailFieldsFragment = graphql(`
  fragment FindingDetailFields on Finding {
    id code title description caseRef category severity source rectificationClass status flag overdue inWarning
    deadline warningAt foundAt submittedAt verifiedAt rejectionReason withdrawalReason version createdAt updatedAt
    availableSteps
    unit { id name kind parent { id name } }
    handler { id name }
    foundBy { id name unit { id name } }
    verifiedBy { id name }
    repeatOf { id code title }
    measures { id text due done doneAt owner { id name } }
    responsibilities { id tier person { id name unit { id name } } unit { id name } }
    accountabilityActions {
      id kind reason decidedOn
      decidedBy { id name }
      targetPerson { id name }
      targetUnit { id name }
    }
    history { id seq at actor action before after }
  }
`);

export const FindingDetailDocument = graphql(`
  query FindingDetail($id: ID!) {
    finding(id: $id) { ...FindingDetailFields }
  }
`);

export const FindingChangedDocument = graphql(`
  subscription FindingChanged($id: ID!) {
    findingChanged(id: $id) { ...FindingDetailFields }
  }
`);

export const FindingRecordDocument = graphql(`
  mutation FindingRecord($input: RecordFindingInput!) {
    recordFinding(input: $input) { id code }
  }
`);

export const FindingStartDocument = graphql(`
  mutation FindingStart($input: FindingStepInput!) {
    startRectification(input: $input) { id version }
  }
`);

export const FindingSubmitDocument = graphql(`
  mutation FindingSubmit($input: FindingStepInput!) {
    submitRectification(input: $input) { id version }
  }
`);

export const FindingVerifyDocument = graphql(`
  mutation FindingVerify($input: VerifyRectificationInput!) {
    verifyRectification(input: $input) { id version }
  }
`);

export const FindingRejectDocument = graphql(`
  mutation FindingReject($input: ReasonStepInput!) {
    rejectRectification(input: $input) { id version }
  }
`);

export const FindingWithdrawDocument = graphql(`
  mutation FindingWithdraw($input: ReasonStepInput!) {
    withdrawFinding(input: $input) { id version }
  }
`);

export const FindingAddMeasureDocument = graphql(`
  mutation FindingAddMeasure($input: AddMeasureInput!) {
    addMeasure(input: $input) { id }
  }
`);

export const FindingCompleteMeasureDocument = graphql(`
  mutation FindingCompleteMeasure($input: CompleteMeasureInput!) {
    completeMeasure(input: $input) { id }
  }
`);

export const FindingAssignResponsibilityDocument = graphql(`
  mutation FindingAssignResponsibility($input: AssignResponsibilityInput!) {
    assignResponsibility(input: $input) { id }
  }
`);

export const FindingRecordActionDocument = graphql(`
  mutation FindingRecordAction($input: RecordAccountabilityActionInput!) {
    recordAccountabilityAction(input: $input) { id }
  }
`);
