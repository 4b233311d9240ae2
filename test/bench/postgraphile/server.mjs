// PostGraphile v5 on the bench database: the "L3" baseline of `npm run bench`.
// Run by the Node 22 binary of this folder's `node` package (PostGraphile v5 needs Node >= 22):
//   DATABASE_URL=postgres://... PORT=5099 node_modules/node/bin/node server.mjs
// Prints one line `listening <url>` once the schema is built and the port is open; exits on SIGTERM/SIGINT.
import { createServer } from "node:http";
import { postgraphile } from "postgraphile";
import { makePgService } from "postgraphile/adaptors/pg";
import { grafserv } from "postgraphile/grafserv/node";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";

const connectionString = process.env.DATABASE_URL;
const port = Number(process.env.PORT ?? 5099);
const host = process.env.HOST ?? "127.0.0.1";
if (!connectionString) {
  console.error("DATABASE_URL is required");
  process.exit(2);
}

/** @type {GraphileConfig.Preset} */
const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ connectionString, schemas: ["public", "bench_l3"], poolConfig: { max: 10 } })],
  grafserv: { port, host, graphqlPath: "/graphql", graphiql: false, graphiqlOnGraphQLGET: false, watch: false, websockets: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
// Build the schema before listening, so `listening` means ready to answer.
await pgl.getSchema();
const serv = pgl.createServ(grafserv);
const server = createServer();
server.keepAliveTimeout = 65_000;
server.on("error", (e) => {
  console.error(e);
  process.exit(1);
});
await serv.addTo(server);
server.listen(port, host, () => {
  // PORT=0 picks a free port: print the one actually bound.
  const address = server.address();
  const bound = address && typeof address === "object" ? address.port : port;
  console.log(`listening http://${host}:${bound}/graphql`);
});

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(() => resolve(undefined)));
  await serv.release();
  await pgl.release();
  process.exit(0);
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
