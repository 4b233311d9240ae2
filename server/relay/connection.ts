import { Max, Min } from "class-validator";
import { ArgsType, Field, Int, ObjectType, type ClassType } from "type-graphql";
import { badInput } from "../errors.js";

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: "Page size, at most 100." })
  @Min(0)
  @Max(MAX_PAGE_SIZE)
  first: number = DEFAULT_PAGE_SIZE;

  @Field(() => String, { nullable: true, description: "Cursor of the last edge already read." })
  after?: string | null;
}

@ObjectType({ description: "Relay page information." })
export class PageInfo {
  @Field(() => Boolean, { description: "More items follow this page." }) hasNextPage!: boolean;
  @Field(() => Boolean, { description: "Always false: lists page forward only." }) hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true, description: "Cursor of the first edge." }) startCursor!: string | null;
  @Field(() => String, { nullable: true, description: "Cursor of the last edge; pass it as `after`." }) endCursor!: string | null;
}

/** A cursor is the sort key of a row: [value, id], base64url-encoded JSON. */
export type CursorKey = [string | number, number];

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

export function decodeCursor(cursor: string | null | undefined): CursorKey | undefined {
  if (cursor == null) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    key = undefined;
  }
  const valid =
    Array.isArray(key) && key.length === 2 && Number.isInteger(key[1]) && ["string", "number"].includes(typeof key[0]);
  if (!valid) throw badInput("after", "not a cursor from this list");
  return key as CursorKey;
}

export interface Page<T> {
  nodes: T[];
  hasNextPage: boolean;
  cursorOf: (node: T) => string;
  totalCount: () => Promise<number>;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  readonly totalCount: Promise<number>;
}

/** Builds the GraphQL connection value; `totalCount` runs its query only when asked for. */
export function toConnection<T>(page: Page<T>): ConnectionShape<T> {
  const edges = page.nodes.map((node) => ({ cursor: page.cursorOf(node), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    // A getter, so the count query runs only when the client selects totalCount.
    get totalCount() {
      return page.totalCount();
    },
  };
}

/** Object types `<Name>Edge` and `<Name>Connection` for a node type. */
export function connectionType<T extends object>(name: string, nodeType: ClassType<T>, description: string) {
  @ObjectType(`${name}Edge`, { description: `An edge of ${description}.` })
  class Edge {
    @Field(() => String, { description: "Opaque cursor of this edge." }) cursor!: string;
    @Field(() => nodeType, { description: "The object at this edge." }) node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${description}.` })
  class Connection {
    @Field(() => [Edge], { description: "The edges of this page." }) edges!: Edge[];
    @Field(() => PageInfo, { description: "Paging information." }) pageInfo!: PageInfo;
    @Field(() => Int, { description: "Number of items matching the filter, over all pages." })
    totalCount!: number;
  }
  return Connection;
}
