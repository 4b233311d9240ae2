import { randomUUID } from "node:crypto";
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import { parse as parseCookie } from "cookie";
import express, { type Request, type Response } from "express";
import { Kind, type FragmentDefinitionNode } from "graphql";
import { SESSION_COOKIE, type CookieJar } from "./auth/auth.service.js";
import { ViewerCache } from "./auth/viewer-cache.js";
import { checkOperationAccess } from "./auth/gate.js";
import type { Database } from "../db/client.js";
import { systemClock, type Clock } from "./clock.js";
import { contextFor, type Context } from "./context.js";
import { dashboardRouter } from "./dashboard.js";
import { explorerRouter } from "./explorer.js";
import { xlsxExportRouter } from "./export/xlsx-export.js";
import { ledgerExport } from "./findings/findings.export.js";
import { inspectionRegisterExport } from "./inspections/inspections.export.js";
import { jointMeetingExport } from "./reports/joint-meeting.export.js";
import { supervisionReportExport } from "./supervision/supervision-report.export.js";
import { formatError } from "./format-error.js";
import { COOKIE_OPTIONS, graphqlPostHandler, isPath } from "./graphql-http.js";
import { checkCost, validationRules } from "./limits.js";
import { getSchema } from "./schema.js";
import { LiveEngine } from "./live/engine.js";
import { LiveHub } from "./live/hub.js";
import { startWebSocketServer } from "./live/ws.js";
import { metricsHandler } from "./metrics.js";

export interface AppOptions {
  database: Database;
  port?: number;
  host?: string;
  clock?: Clock;
  /** Seconds-scale re-check of WebSocket credentials, for tests; default 30 s. */
  wsRecheckMs?: number;
  /** Serve GET /metrics (METRICS=on). */
  metrics?: boolean;
  /** How long a resolved session or token is reused (ViewerCache); 0 turns the cache off. */
  viewerCacheMs?: number;
}

export interface RunningApp {
  url: string;
  httpServer: Server;
  clock: Clock;
  /** The node's journal reader and subscription engine (tests read their counters). */
  hub: LiveHub;
  engine: LiveEngine;
  close(): Promise<void>;
}

/** Access and cost are checked once the operation is known, before anything runs. */
const operationChecks: ApolloServerPlugin<Context> = {
  async requestDidStart({ schema }) {
    return {
      async didResolveOperation({ request, document, operation, contextValue }) {
        const fragments: Record<string, FragmentDefinitionNode> = {};
        for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
        if (operation) checkOperationAccess(contextValue.viewer, operation, fragments);
        checkCost(schema, document, request.operationName ?? undefined, request.variables ?? {});
      },
    };
  },
};

/** Mutations that end a credential: this node forgets cached viewers before it answers them. */
const ENDS_CREDENTIALS = new Set(["logout", "revokeApiToken"]);

/**
 * Other nodes drop their cached viewers when the journal row reaches them (milliseconds); the node
 * that ran the mutation does it before the response, so the next request never sees the old viewer.
 */
function endCredentialsAtOnce(viewers: ViewerCache): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation }) {
          if (operation?.operation !== "mutation") return;
          const ends = operation.selectionSet.selections.some((s) => s.kind === Kind.FIELD && ENDS_CREDENTIALS.has(s.name.value));
          if (ends) viewers.clear();
        },
      };
    },
  };
}

function cookieJar(req: Request, res: Response): CookieJar {
  return {
    set: (name, value, maxAgeMs) => res.cookie(name, value, { ...COOKIE_OPTIONS, secure: req.secure, maxAge: maxAgeMs }),
    clear: (name) => res.clearCookie(name, { ...COOKIE_OPTIONS, secure: req.secure }),
  };
}

/** The credentials a request carries: the session cookie and/or a bearer token. */
export function credentialsOf(headers: { cookie?: string; authorization?: string }): { session?: string; bearer?: string } {
  const session = headers.cookie ? parseCookie(headers.cookie)[SESSION_COOKIE] : undefined;
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? "")?.[1];
  return { session, bearer };
}

/** Starts the GraphQL API, the XLSX export and the dashboard on one HTTP server. */
export async function startApp(options: AppOptions): Promise<RunningApp> {
  const clock = options.clock ?? systemClock;
  const schema = await getSchema();
  const app = express();
  // POST /graphql goes straight to Apollo (graphql-http.ts) once it has started; the rest to express.
  let graphqlPost: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  const httpServer = createHttpServer((req, res) => {
    if (graphqlPost && req.method === "POST" && isPath(req, "/graphql")) void graphqlPost(req, res);
    else app(req, res);
  });
  // Keep idle connections longer than clients and load balancers do (Node's default is 5 s). With
  // the default, a client that reuses a connection just as the server times it out gets "other side
  // closed" — seen in tests when a busy event loop fired both timers late.
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  const viewers = new ViewerCache(options.viewerCacheMs);
  const apollo = new ApolloServer<Context>({
    schema,
    validationRules,
    formatError,
    csrfPrevention: true,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // No HTTP caching of answers (they depend on the viewer and the clock); without this Apollo
      // wraps every field resolver to compute cache hints nobody reads.
      ApolloServerPluginCacheControlDisabled(),
      operationChecks,
      endCredentialsAtOnce(viewers),
    ],
  });
  await apollo.start();
  const requestContext = async (req: IncomingMessage, cookies: CookieJar): Promise<Context> => {
    const db = options.database.db;
    const viewer = await viewers.resolve(db, credentialsOf(req.headers), new Date());
    return contextFor(options.database, viewer, clock, randomUUID(), cookies);
  };
  graphqlPost = graphqlPostHandler(apollo, requestContext);
  const hub = new LiveHub(options.database);
  hub.subscribeHeads(viewers.onJournalRow);
  await hub.start();
  const engine = new LiveEngine(hub, schema);
  const ws = startWebSocketServer({ httpServer, schema, database: options.database, clock, engine, credentialsOf, viewers, recheckMs: options.wsRecheckMs });

  app.disable("x-powered-by");
  if (options.metrics) app.get("/metrics", metricsHandler(options.database, engine));
  app.use(explorerRouter());
  app.use(xlsxExportRouter({ schema, database: options.database, clock, credentialsOf }, [ledgerExport, inspectionRegisterExport], [jointMeetingExport, supervisionReportExport]));
  app.use(
    "/graphql",
    express.json({ limit: "1mb" }),
    expressMiddleware(apollo, { context: ({ req, res }) => requestContext(req, cookieJar(req, res)) }),
  );
  app.use(dashboardRouter());

  await new Promise<void>((resolve) => httpServer.listen(options.port ?? 4000, options.host ?? "0.0.0.0", resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/graphql`,
    httpServer,
    clock,
    hub,
    engine,
    close: async () => {
      await ws.close();
      await apollo.stop();
      await hub.stop();
    },
  };
}
