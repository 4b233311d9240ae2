import { existsSync } from "node:fs";
import express, { type Router } from "express";
import { projectPath } from "../db/paths.js";

/** Where `npm run build` puts the Svelte dashboard. */
export const DASHBOARD_DIST = projectPath("dashboard/dist");

// Everything the dashboard loads comes from this server; the intranet reaches nothing else.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join("; ");

const API_PREFIXES = ["/graphql", "/export/", "/explorer/", "/assets/"];

/**
 * Serves the built dashboard at / on the API's port: hashed assets with long caching, and
 * index.html (never cached) for every page URL so the single-page app can route /board, /ledger ….
 * Without a build it says how to make one instead of a bare 404.
 */
export function dashboardRouter(dist = DASHBOARD_DIST): Router {
  const router = express.Router();
  const index = `${dist}/index.html`;
  router.use("/assets", express.static(`${dist}/assets`, { immutable: true, maxAge: "365d", fallthrough: false }));
  router.get(/.*/, (req, res, next) => {
    if (API_PREFIXES.some((p) => req.path.startsWith(p)) || !req.accepts("html")) return next();
    if (!existsSync(index)) {
      res.status(503).type("text/plain; charset=utf-8").send("The dashboard is not built: run `npm run build` (npm start does it).");
      return;
    }
    res.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    res.setHeader("Cache-Control", "no-cache");
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.sendFile(index);
  });
  return router;
}
