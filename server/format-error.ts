import { randomUUID } from "node:crypto";
import { unwrapResolverError } from "@apollo/server/errors";
import type { GraphQLFormattedError } from "graphql";
import { ArgumentValidationError } from "type-graphql";
import { AppError } from "./errors.js";
import { log } from "./log.js";

const PASS_THROUGH_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

interface ValidationIssue {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationIssue[];
}

/** The first failing field of a class-validator result, as a dotted path. */
function firstIssue(issues: ValidationIssue[], prefix = ""): { field: string; message: string } | undefined {
  for (const issue of issues) {
    const field = prefix ? `${prefix}.${issue.property}` : issue.property;
    const message = issue.constraints ? Object.values(issue.constraints)[0] : undefined;
    if (message) return { field, message: message.replace(/^\S+ /, "") };
    const nested = firstIssue(issue.children ?? [], field);
    if (nested) return nested;
  }
  return undefined;
}

/**
 * What a client may see of an error: our AppErrors and GraphQL's own request errors as they are;
 * anything else becomes "internal error" with a correlation id that is also in the server log.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof AppError) return { message: original.message, path: formatted.path, locations: formatted.locations, extensions: original.extensions };
  if (original instanceof ArgumentValidationError) {
    const issue = firstIssue(original.extensions.validationErrors as ValidationIssue[]);
    const field = issue?.field ?? "input";
    return {
      message: `${field}: ${issue?.message ?? "is not valid"}`,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: "BAD_USER_INPUT", field },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === "string" && PASS_THROUGH_CODES.has(code) && !formatted.path) {
    return { message: formatted.message, locations: formatted.locations, extensions: { code } };
  }
  const correlationId = randomUUID();
  log.error("internal error", { correlationId, error: original instanceof Error ? (original.stack ?? original.message) : String(original) });
  return { message: `internal error (correlation id ${correlationId})`, path: formatted.path, extensions: { code: "INTERNAL_SERVER_ERROR", correlationId } };
}
