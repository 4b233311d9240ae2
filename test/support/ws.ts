import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import type { Credentials } from "./server.js";

export interface LiveClient {
  client: Client;
  /** Subscribes and collects every `next` payload's data; `errors` collects error messages. */
  collect<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Collected<T>;
  close(): Promise<void>;
}

export interface Collected<T> {
  items: T[];
  errors: unknown[];
  /** Resolves once at least n items arrived (rejects after timeoutMs). */
  waitFor(n: number, timeoutMs?: number): Promise<T[]>;
  stop(): void;
}

/** A real graphql-ws client over a real WebSocket to the test server. */
export function liveClient(httpUrl: string, as: Credentials = {}, extra: { origin?: string } = {}): LiveClient {
  const url = httpUrl.replace(/^http/, "ws");
  const headers: Record<string, string> = {};
  if (as.cookie) headers.cookie = as.cookie;
  if (extra.origin) headers.origin = extra.origin;
  class HeaderSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  const client = createClient({
    url,
    webSocketImpl: HeaderSocket,
    lazy: true,
    retryAttempts: 0,
    connectionParams: as.bearer ? { authorization: `Bearer ${as.bearer}` } : undefined,
  });
  return {
    client,
    collect<T>(query: string, variables?: Record<string, unknown>): Collected<T> {
      const items: T[] = [];
      const errors: unknown[] = [];
      const waiters: (() => void)[] = [];
      const stop = client.subscribe<T>(
        { query, variables },
        {
          next: (value) => {
            if (value.errors) errors.push(...value.errors);
            if (value.data) items.push(value.data as T);
            waiters.forEach((w) => w());
          },
          error: (error) => {
            // A closed socket arrives as a CloseEvent, GraphQL errors as an array.
            const e = error as { code?: number; reason?: string; message?: string };
            errors.push(Array.isArray(error) ? error : e.message ? e.message : `closed ${e.code} ${e.reason}`);
            waiters.forEach((w) => w());
          },
          complete: () => {},
        },
      );
      return {
        items,
        errors,
        stop,
        waitFor: (n, timeoutMs = 5000) =>
          new Promise((resolve, reject) => {
            const check = () => {
              if (items.length >= n) {
                clearTimeout(timer);
                resolve(items);
              } else if (errors.length) {
                clearTimeout(timer);
                reject(new Error(`subscription error: ${JSON.stringify(errors)}`));
              }
            };
            const timer = setTimeout(() => reject(new Error(`timed out with ${items.length}/${n} items; errors ${JSON.stringify(errors)}`)), timeoutMs);
            waiters.push(check);
            check();
          }),
      };
    },
    close: () => client.dispose() as Promise<void>,
  };
}
