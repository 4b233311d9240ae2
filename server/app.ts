import { randomUUID } from "node:crypto";
import { createServer as createHttpServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import type { Database } from "../db/client.js";
import { systemClock, type Clock } from "./clock.js";
import { createContext, type Context } from "./context.js";
import { explorerRouter } from "./explorer.js";
import { formatError } from "./format-error.js";
import { checkCost, validationRules } from "./limits.js";
import { ALL } from "./scope.js";
import { getSchema } from "./schema.js";

export interface AppOptions {
  database: Database;
  port?: number;
  host?: string;
  clock?: Clock;
}

export interface RunningApp {
  url: string;
  httpServer: Server;
  clock: Clock;
  close(): Promise<void>;
}

const costLimit: ApolloServerPlugin<Context> = {
  async requestDidStart({ schema }) {
    return {
      async didResolveOperation({ request, document }) {
        checkCost(schema, document, request.operationName ?? undefined, request.variables ?? {});
      },
    };
  },
};

/** Starts the GraphQL API (and, later, the dashboard) on one HTTP server. */
export async function startApp(options: AppOptions): Promise<RunningApp> {
  const clock = options.clock ?? systemClock;
  const schema = await getSchema();
  const app = express();
  const httpServer = createHttpServer(app);
  const apollo = new ApolloServer<Context>({
    schema,
    validationRules,
    formatError,
    csrfPrevention: true,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled(), costLimit],
  });
  await apollo.start();

  app.disable("x-powered-by");
  app.use(explorerRouter());
  app.use(
    "/graphql",
    express.json({ limit: "1mb" }),
    expressMiddleware(apollo, {
      context: async () =>
        createContext({
          db: options.database.db,
          scope: ALL,
          actor: { label: "anonymous", personId: null },
          clock,
          requestId: randomUUID(),
        }),
    }),
  );

  await new Promise<void>((resolve) => httpServer.listen(options.port ?? 4000, options.host ?? "0.0.0.0", resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/graphql`,
    httpServer,
    clock,
    close: async () => {
      await apollo.stop();
    },
  };
}
