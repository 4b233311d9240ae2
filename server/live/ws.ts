import type { Server } from "node:http";
import {
  GraphQLError,
  Kind,
  parse,
  specifiedRules,
  validate,
  type ExecutionArgs,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer, type WebSocket } from "ws";
import type { Database } from "../../db/client.js";
import type { ViewerCache } from "../auth/viewer-cache.js";
import { checkOperationAccess } from "../auth/gate.js";
import type { Viewer } from "../auth/viewer.js";
import type { Clock } from "../clock.js";
import { contextFor } from "../context.js";
import { AppError } from "../errors.js";
import { formatError } from "../format-error.js";
import { checkCost, validationRules } from "../limits.js";
import type { LiveEngine } from "./engine.js";

export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 50;
export const MAX_WS_PAYLOAD = 64 * 1024;
const CONNECTION_INIT_TIMEOUT_MS = 10_000;
/** How often each socket's credentials are checked again; revoked ones close within a minute. */
const RECHECK_MS = 30_000;

interface Connection {
  credentials: { session?: string; bearer?: string };
  viewer: Viewer;
  operations: Set<string>;
}

export interface WsOptions {
  httpServer: Server;
  schema: GraphQLSchema;
  database: Database;
  clock: Clock;
  engine: LiveEngine;
  credentialsOf(headers: { cookie?: string; authorization?: string }): { session?: string; bearer?: string };
  /** How often sockets' credentials are re-checked (default 30 s; tests shorten it). */
  recheckMs?: number;
  /** The node's credential cache, shared with HTTP requests. */
  viewers: ViewerCache;
}

/** The browser's Origin must be this server's own host: a cookie alone must not open a socket for another site. */
function sameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (!origin) return true; // not a browser: it authenticates with a bearer token in connectionParams
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

const format = (errors: readonly GraphQLError[]): GraphQLFormattedError[] => errors.map((e) => formatError(e.toJSON(), e));

/**
 * graphql-ws on the HTTP server's /graphql path, with the same authentication, validation
 * rules, limits, access gate and error masking as HTTP (graphql-ws inherits none of Apollo's).
 */
export function startWebSocketServer(options: WsOptions): { close(): Promise<void> } {
  const { database, clock, schema, engine } = options;
  const wss = new WebSocketServer({
    server: options.httpServer,
    path: "/graphql",
    maxPayload: MAX_WS_PAYLOAD,
    verifyClient: (info, done) => (sameOrigin(info.origin, info.req.headers.host) ? done(true) : done(false, 403, "origin not allowed")),
  });
  const connections = new Map<WebSocket, Connection>();

  const disposable = useServer(
    {
      schema,
      connectionInitWaitTimeout: CONNECTION_INIT_TIMEOUT_MS,
      onConnect: async (ctx) => {
        const headers = ctx.extra.request.headers;
        const params = (ctx.connectionParams ?? {}) as Record<string, unknown>;
        const auth = typeof params.authorization === "string" ? params.authorization : typeof params.token === "string" ? `Bearer ${params.token}` : undefined;
        const credentials = options.credentialsOf({ cookie: headers.cookie, authorization: auth });
        const viewer = await options.viewers.resolve(database.db, credentials, new Date());
        // Credentials that were offered but do not hold close the socket (4403) instead of reading as anonymous.
        if (viewer.kind === "ANONYMOUS" && (credentials.session || credentials.bearer)) return false;
        connections.set(ctx.extra.socket, { credentials, viewer, operations: new Set() });
        return true;
      },
      onSubscribe: async (ctx, id, payload) => {
        const conn = connections.get(ctx.extra.socket);
        if (!conn) return [new GraphQLError("connection not initialised")];
        if (conn.operations.size >= MAX_SUBSCRIPTIONS_PER_CONNECTION) {
          return [new AppError("BAD_USER_INPUT", `at most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions per connection`)];
        }
        let document;
        try {
          document = parse(payload.query);
        } catch (error) {
          return [error as GraphQLError];
        }
        const errors = validate(schema, document, [...specifiedRules, ...validationRules]);
        if (errors.length) return errors;
        const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION && (!payload.operationName || d.name?.value === payload.operationName));
        if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return [new GraphQLError("no operation to run")];
        const fragments: Record<string, FragmentDefinitionNode> = {};
        for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
        try {
          checkOperationAccess(conn.viewer, operation, fragments);
          checkCost(schema, document, payload.operationName ?? undefined, payload.variables ?? {});
        } catch (error) {
          return [error as GraphQLError];
        }
        conn.operations.add(id);
        const contextValue = await contextFor(database, conn.viewer, clock, `ws:${id}`);
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue } satisfies ExecutionArgs;
      },
      subscribe: (args) => engine.subscribe(args),
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: format(result.errors) } : undefined),
      onError: (_ctx, _id, _payload, errors) => format(errors),
      onComplete: (ctx, id) => {
        connections.get(ctx.extra.socket)?.operations.delete(id);
      },
      onClose: (ctx) => {
        connections.delete(ctx.extra.socket);
      },
    },
    wss,
  );

  // Revoked tokens and ended sessions lose their sockets within RECHECK_MS.
  const recheck = setInterval(() => {
    for (const [socket, conn] of connections) {
      if (conn.viewer.kind === "ANONYMOUS") continue;
      options.viewers
        .resolve(database.db, conn.credentials, new Date())
        .then((viewer) => {
          if (viewer.kind === "ANONYMOUS") socket.close(4401, "Unauthorized");
        })
        .catch(() => {});
    }
  }, options.recheckMs ?? RECHECK_MS);
  recheck.unref();

  return {
    close: async () => {
      clearInterval(recheck);
      for (const socket of connections.keys()) socket.close(1001, "Going away");
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
