import "reflect-metadata";
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from "graphql";
import { buildSchema, getMetadataStorage } from "type-graphql";
import { AuthResolver } from "./auth/auth.resolver.js";
import { LiveResolver } from "./live/live.resolver.js";
import { AccountabilityResolver } from "./accountability/accountability.resolver.js";
import { AccountabilityReasonsResolver, AccountabilityRecommendationsResolver } from "./accountability/recommendations.resolver.js";
import { BoardResolver } from "./board/board.resolver.js";
import { CalendarResolver } from "./calendar/calendar.resolver.js";
import { InspectionsResolver } from "./inspections/inspections.resolver.js";
import { QualityReviewsResolver } from "./quality-reviews/quality-reviews.resolver.js";
import { BulletinItemsResolver, BulletinsResolver } from "./bulletins/bulletins.resolver.js";
import { FindingsResolver, MeasuresResolver, ResponsibilitiesResolver } from "./findings/findings.resolver.js";
import { JournalResolver } from "./journal/journal.resolver.js";
import { PeopleResolver } from "./people/people.resolver.js";
import { NodeResolver } from "./relay/node.resolver.js";
import { JointMeetingResolver } from "./reports/joint-meeting.resolver.js";
import { PlanMilestonesResolver, PlansResolver } from "./plans/plans.resolver.js";
import { SamplingPicksResolver, SamplingRoundsResolver } from "./sampling/sampling.resolver.js";
import { UnitsResolver } from "./units/units.resolver.js";
import { SupervisionFeedbackResolver, SupervisionItemsResolver, SupervisionNoticesResolver } from "./supervision/supervision.resolver.js";

let built: Promise<GraphQLSchema> | undefined;

/** The executable schema, built once per process. */
export function getSchema(): Promise<GraphQLSchema> {
  // No type uses field middleware or @Authorized (access is decided in the data layer), so plain
  // fields resolve by property access instead of through type-graphql's per-field middleware chain.
  for (const type of getMetadataStorage().objectTypes) type.simpleResolvers ??= true;
  built ??= buildSchema({
    resolvers: [
      UnitsResolver,
      CalendarResolver,
      InspectionsResolver,
      QualityReviewsResolver,
      PeopleResolver,
      FindingsResolver,
      MeasuresResolver,
      ResponsibilitiesResolver,
      AccountabilityResolver,
      AccountabilityRecommendationsResolver,
      AccountabilityReasonsResolver,
      BulletinsResolver,
      BulletinItemsResolver,
      BoardResolver,
      JointMeetingResolver,
      SupervisionItemsResolver,
      SupervisionNoticesResolver,
      SupervisionFeedbackResolver,
      SamplingRoundsResolver,
      SamplingPicksResolver,
      PlansResolver,
      PlanMilestonesResolver,
      JournalResolver,
      NodeResolver,
      AuthResolver,
      LiveResolver,
    ],
    validate: { forbidUnknownValues: false },
    // Subscriptions run on the journal-fed live engine, never through a PubSub.
    pubSub: {
      publish: () => {},
      subscribe: () => {
        throw new Error("subscriptions are served by the live engine");
      },
    },
    emitSchemaFile: false,
  });
  return built;
}

/** The SDL as committed in schema/schema.graphql (sorted, so diffs stay readable). */
export async function printSdl(): Promise<string> {
  return printSchema(lexicographicSortSchema(await getSchema())) + "\n";
}
