import type { TypedDocumentString } from "../gql/graphql";

/** One error the API returned, with the code and (for bad input) the field it names. */
export interface ApiIssue {
  message: string;
  code: string;
  field?: string;
}

/** A failed request: GraphQL errors, or the network/server being unreachable (code NETWORK). */
export class ApiError extends Error {
  constructor(readonly issues: ApiIssue[]) {
    super(issues.map((i) => i.message).join("; "));
  }
  get code(): string {
    return this.issues[0]?.code ?? "INTERNAL_SERVER_ERROR";
  }
  /** The message for a form field, when the server named it (e.g. `input.deadline` → "deadline"). */
  fieldMessage(field: string): string | undefined {
    return this.issues.find((i) => i.field === field || i.field?.split(".").at(-1) === field)?.message.replace(/^[\w.]+: /, "");
  }
  has(code: string): boolean {
    return this.issues.some((i) => i.code === code);
  }
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string; field?: string } }>;
}

type Listener = (error: ApiError) => void;
const unauthenticatedListeners = new Set<Listener>();

/** Called whenever a request comes back UNAUTHENTICATED (session expired): the shell shows the login page. */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

/** Runs a typed operation over HTTP with the session cookie; throws ApiError on any error. */
export async function request<R, V>(document: TypedDocumentString<R, V>, ...[variables]: V extends Record<string, never> ? [] | [V] : [V]): Promise<R> {
  let response: Response;
  try {
    response = await fetch("/graphql", {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json", accept: "application/graphql-response+json, application/json" },
      body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
    });
  } catch {
    throw new ApiError([{ message: "network", code: "NETWORK" }]);
  }
  let body: GraphQLResponse<R>;
  try {
    body = (await response.json()) as GraphQLResponse<R>;
  } catch {
    throw new ApiError([{ message: `HTTP ${response.status}`, code: response.status >= 500 ? "NETWORK" : "INTERNAL_SERVER_ERROR" }]);
  }
  if (body.errors?.length) {
    const error = new ApiError(
      body.errors.map((e) => ({ message: e.message, code: e.extensions?.code ?? "INTERNAL_SERVER_ERROR", field: e.extensions?.field })),
    );
    if (error.has("UNAUTHENTICATED")) for (const l of unauthenticatedListeners) l(error);
    throw error;
  }
  return body.data as R;
}
