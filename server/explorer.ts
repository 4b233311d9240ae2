import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import express, { type Router } from "express";

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
const graphiqlDist = join(packageDir("graphiql"), "dist");

/** Files of the explorer, all served from node_modules: the intranet has no CDN. */
const ASSETS: Record<string, { file: string; type: string }> = {
  "react.js": { file: join(packageDir("react"), "umd/react.production.min.js"), type: "text/javascript" },
  "react-dom.js": { file: join(packageDir("react-dom"), "umd/react-dom.production.min.js"), type: "text/javascript" },
  "graphiql.js": { file: join(graphiqlDist, "index.umd.js"), type: "text/javascript" },
  "graphiql.css": { file: join(graphiqlDist, "style.css"), type: "text/css" },
};

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>督察整改 GraphQL</title>
<link rel="stylesheet" href="/explorer/graphiql.css">
<style>html,body,#graphiql{height:100%;margin:0}</style>
</head>
<body>
<div id="graphiql">Loading the GraphQL explorer…</div>
<script src="/explorer/react.js"></script>
<script src="/explorer/react-dom.js"></script>
<script src="/explorer/graphiql.js"></script>
<script>
  const fetcher = GraphiQL.createFetcher({ url: "/graphql" });
  const root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(React.createElement(GraphiQL, { fetcher, defaultEditorToolsVisibility: true }));
</script>
</body>
</html>
`;

/** GET /graphql from a browser (no query, wants HTML) opens GraphiQL; assets under /explorer/. */
export function explorerRouter(): Router {
  const router = express.Router();
  router.get("/explorer/:file", (req, res, next) => {
    const asset = ASSETS[req.params.file];
    if (!asset) return next();
    res.type(asset.type).set("Cache-Control", "public, max-age=86400").sendFile(asset.file);
  });
  router.get("/graphql", (req, res, next) => {
    if (req.query.query !== undefined || !req.accepts("html") || req.accepts(["application/graphql-response+json", "application/json", "html"]) !== "html") {
      return next();
    }
    res.type("html").send(PAGE);
  });
  return router;
}
