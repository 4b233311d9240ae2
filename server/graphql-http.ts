import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import { HeaderMap, type ApolloServer, type BaseContext } from "@apollo/server";
import { serialize, type SerializeOptions } from "cookie";
import type { CookieJar } from "./auth/auth.service.js";

/** The largest request body the API reads (as express.json's limit was). */
const BODY_LIMIT = 1 << 20;

export const COOKIE_OPTIONS = { httpOnly: true, sameSite: "strict", path: "/" } as const;

/** Whether a request's path (without its query string) is `path`. */
export function isPath(req: IncomingMessage, path: string): boolean {
  const url = req.url ?? "";
  const end = url.indexOf("?");
  return (end < 0 ? url : url.slice(0, end)) === path;
}

/**
 * POST /graphql straight into Apollo Server's HTTP entry point (executeHTTPGraphQLRequest, the
 * API Apollo's own integrations are built on), without express's router and body parser on the
 * hottest path: they cost about a tenth of a small query's server time. Everything else (GET
 * /graphql, exports, the dashboard) still goes through express.
 */
export function graphqlPostHandler<Context extends BaseContext>(
  apollo: ApolloServer<Context>,
  context: (req: IncomingMessage, cookies: CookieJar) => Promise<Context>,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    try {
      const body = await readBody(req);
      if (body === TOO_LARGE) return plain(res, 413, "request entity too large");
      const parsed = parseJsonBody(req, body);
      if (parsed === INVALID) return plain(res, 400, "request body is not valid JSON");
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
      }
      const url = req.url ?? "";
      const query = url.indexOf("?");
      const setCookies: string[] = [];
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: "POST", headers, search: query < 0 ? "" : url.slice(query), body: parsed },
        context: () => context(req, cookieJar(req, setCookies)),
      });
      for (const [key, value] of response.headers) res.setHeader(key, value);
      if (setCookies.length > 0) res.setHeader("set-cookie", setCookies);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === "complete") {
        res.end(response.body.string);
        return;
      }
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    } catch {
      if (!res.headersSent) plain(res, 500, "internal server error");
      else res.destroy();
    }
  };
}

/** Session cookies as Set-Cookie headers, written with the response (as express's res.cookie did). */
function cookieJar(req: IncomingMessage, setCookies: string[]): CookieJar {
  const secure = (req.socket as TLSSocket).encrypted === true;
  const add = (name: string, value: string, options: SerializeOptions) => setCookies.push(serialize(name, value, { ...COOKIE_OPTIONS, secure, ...options }));
  return {
    set: (name, value, maxAgeMs) => add(name, value, { maxAge: Math.floor(maxAgeMs / 1000), expires: new Date(Date.now() + maxAgeMs) }),
    clear: (name) => add(name, "", { expires: new Date(1) }),
  };
}

const TOO_LARGE = Symbol("too large");
const INVALID = Symbol("invalid");

function readBody(req: IncomingMessage): Promise<Buffer | typeof TOO_LARGE> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) over = true;
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(over ? TOO_LARGE : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/**
 * A JSON body is parsed (an empty one is {}); only an object or array is JSON here, as with
 * express.json. Other media types are handed to Apollo unparsed, which refuses them.
 */
function parseJsonBody(req: IncomingMessage, body: Buffer): unknown {
  const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") return undefined;
  if (body.length === 0) return {};
  try {
    const value: unknown = JSON.parse(body.toString("utf8"));
    return value !== null && typeof value === "object" ? value : INVALID;
  } catch {
    return INVALID;
  }
}

function plain(res: ServerResponse, status: number, message: string): void {
  res.statusCode = status;
  res.setHeader("content-type", "text/plain; charset=utf-8");
  res.end(message);
}
