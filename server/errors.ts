import { GraphQLError } from "graphql";

export type ErrorCode =
  | "BAD_USER_INPUT"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "INVALID_TRANSITION"
  | "RATE_LIMITED";

/** The one error type the API raises on purpose; anything else is masked as an internal error. */
export class AppError extends GraphQLError {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
    this.code = code;
  }
}

export const badInput = (field: string, message: string) => new AppError("BAD_USER_INPUT", `${field}: ${message}`, { field });
export const notFound = (what: string, id: string) => new AppError("NOT_FOUND", `${what} ${id} not found`, { id });
export const conflict = (what: string) =>
  new AppError("CONFLICT", `${what} was changed by someone else; reload it and try again`);
export const invalidTransition = (from: string, action: string) =>
  new AppError("INVALID_TRANSITION", `cannot ${action} a finding that is ${from}`, { from, action });

/** For states the code guarantees cannot happen; reaching one is a bug and is masked to clients. */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`invariant failed: ${message}`);
}
