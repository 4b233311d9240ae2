import { graphql } from "../gql";

/** City offices (市院) the viewer sees: the page draws and plans within one of them. */
export const SamplingOfficesDocument = graphql(`
  query SamplingOffices {
    units(first: 100, filter: { kind: OFFICE, level: CITY }) { edges { node { id name } } }
  }
`);

/** 抽样计划: the year's quota arithmetic, per role and per unit. */
export const SamplingPlanDocument = graphql(`
  query SamplingPlan($year: Int!, $office: ID, $rounds: Int) {
    samplingPlan(year: $year, office: $office, rounds: $rounds) {
      year rounds roundsDrawn roundsRemaining nextRound feasible
      office { id name }
      groups { role units perUnit perRound required met needed capacity shortfall }
      units { role required drawn deficit shortfall feasible unit { id name code } }
    }
  }
`);

/** The rounds drawn in a city office's jurisdiction in a year, in draw order. */
export const SamplingRoundsDocument = graphql(`
  query SamplingRounds($filter: SamplingRoundFilter) {
    samplingRounds(first: 100, filter: $filter) {
      totalCount
      edges {
        node {
          id year round seed algorithm drawnAt
          drawnBy { id name }
          comparedWith { id round year }
          picks { role position reason unit { id name } }
          findings { id code }
        }
      }
    }
  }
`);

export const SamplingDrawDocument = graphql(`
  mutation SamplingDraw($input: DrawSamplingRoundInput!) {
    drawSamplingRound(input: $input) { id year round seed algorithm picks { role position unit { id name } } }
  }
`);

/** 两次评估互相对照: the earlier round's problems and whether each is resolved. */
export const SamplingCompareDocument = graphql(`
  query SamplingCompare($a: ID!, $b: ID!) {
    compareSamplingRounds(a: $a, b: $b) {
      resolved unresolved
      earlier { id round year }
      later { id round year }
      items { resolved recurred finding { id code title status category unit { id name } } }
      laterFindings { id code title status }
    }
  }
`);

/** Re-draw (复核): what the stored seed draws now, to compare with the stored picks. */
export const SamplingPreviewDocument = graphql(`
  query SamplingPreview($year: Int!, $round: Int!, $seed: String!, $office: ID) {
    previewSamplingRound(year: $year, round: $round, seed: $seed, office: $office) { seed algorithm picks { role position unit { id } } }
  }
`);
