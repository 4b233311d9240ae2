import {
  getNullableType,
  GraphQLError,
  isListType,
  Kind,
  type ASTVisitor,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  visit,
  type ValidationContext,
  type ValidationRule,
} from "graphql";
import { getComplexity, simpleEstimator, type ComplexityEstimator } from "graphql-query-complexity";

export const MAX_DEPTH = 12;
export const MAX_ALIASES = 30;
export const MAX_COST = 50_000;
/** Assumed length of a list field that has no `first` (measures, children, history …). */
const ASSUMED_LIST_LENGTH = 5;

const limitError = (message: string) => new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT" } });

/** Rejects operations nested deeper than MAX_DEPTH fields (fragments followed, introspection included). */
export const depthLimit: ValidationRule = (context: ValidationContext): ASTVisitor => {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of context.getDocument().definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const depthOf = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
    if (!set) return 0;
    let max = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) max = Math.max(max, 1 + depthOf(sel.selectionSet, seen));
      else if (sel.kind === Kind.INLINE_FRAGMENT) max = Math.max(max, depthOf(sel.selectionSet, seen));
      else if (!seen.has(sel.name.value)) {
        const frag = fragments.get(sel.name.value);
        max = Math.max(max, depthOf(frag?.selectionSet, new Set([...seen, sel.name.value])));
      }
    }
    return max;
  };
  return {
    OperationDefinition(node: OperationDefinitionNode) {
      const depth = depthOf(node.selectionSet, new Set());
      if (depth > MAX_DEPTH) context.reportError(limitError(`query depth ${depth} exceeds the limit of ${MAX_DEPTH}`));
    },
  };
};

/** Rejects documents with more than MAX_ALIASES aliased fields (alias batching is how guessing scales). */
export const aliasLimit: ValidationRule = (context: ValidationContext): ASTVisitor => {
  let aliases = 0;
  let reported = false;
  return {
    Field(node: FieldNode) {
      if (node.alias) aliases++;
      if (aliases > MAX_ALIASES && !reported) {
        reported = true;
        context.reportError(limitError(`more than ${MAX_ALIASES} aliases in one document`));
      }
    },
  };
};

export const validationRules: ValidationRule[] = [depthLimit, aliasLimit];

/** A connection costs its page size times what each node asks for; other lists an assumed length. */
const listEstimator: ComplexityEstimator = ({ args, field, childComplexity }) => {
  if (typeof args.first === "number") return 1 + Math.max(args.first, 1) * Math.max(childComplexity, 1);
  if (isListType(getNullableType(field.type))) return 1 + ASSUMED_LIST_LENGTH * Math.max(childComplexity, 1);
  return undefined;
};

/**
 * Costs already computed per parsed document (Apollo reuses one DocumentNode per query text), keyed
 * by operation name and the values of the variables that size a page: nothing else changes a
 * cost, so a query asked again with another id costs no second walk of the document.
 */
const costs = new WeakMap<DocumentNode, { pageVariables: string[]; byKey: Map<string, number> }>();
const MAX_COSTS_PER_DOCUMENT = 100;

/** The estimated cost of an operation; throws BAD_USER_INPUT above MAX_COST. */
export function checkCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>): number {
  let known = costs.get(document);
  if (!known) costs.set(document, (known = { pageVariables: pageSizeVariables(document), byKey: new Map() }));
  const key = JSON.stringify([operationName ?? null, ...known.pageVariables.map((name) => variables[name] ?? null)]);
  const cached = known.byKey.get(key);
  if (cached !== undefined) return cached;
  const cost = computeCost(schema, document, operationName, variables);
  // Variables that do not coerce: execution rejects them next, as BAD_USER_INPUT naming the field.
  if (cost === undefined) return 0;
  if (known.byKey.size < MAX_COSTS_PER_DOCUMENT) known.byKey.set(key, cost);
  return cost;
}

/** Variables passed to a `first` or `last` argument anywhere in the document (listEstimator reads only `first`). */
function pageSizeVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Argument(node) {
      if ((node.name.value === "first" || node.name.value === "last") && node.value.kind === Kind.VARIABLE) names.add(node.value.name.value);
    },
  });
  return [...names].sort();
}

function computeCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>): number | undefined {
  let cost: number;
  try {
    cost = getComplexity({
      schema,
      query: document,
      operationName,
      variables,
      estimators: [listEstimator, simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch (error) {
    if (error instanceof GraphQLError && error.nodes?.[0]?.kind === Kind.VARIABLE_DEFINITION) return undefined;
    throw error;
  }
  if (cost > MAX_COST) throw limitError(`query cost ${cost} exceeds the limit of ${MAX_COST}`);
  return cost;
}
