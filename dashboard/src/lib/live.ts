import { createClient, type Client } from "graphql-ws";
import type { TypedDocumentString } from "../gql/graphql";

export type ConnectionState = "connecting" | "online" | "offline";

let client: Client | undefined;
const stateListeners = new Set<(state: ConnectionState) => void>();
let state: ConnectionState = "connecting";

function setState(next: ConnectionState) {
  state = next;
  for (const l of stateListeners) l(next);
}

/** Backoff for reconnects: 0.5 s doubling to 15 s, with jitter; retries for ever. */
function backoff(retries: number): Promise<void> {
  const ms = Math.min(15_000, 500 * 2 ** Math.min(retries, 5)) * (0.75 + Math.random() * 0.5);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The page's one WebSocket (graphql-transport-ws on /graphql, same cookie), created on first use. */
function liveClient(): Client {
  if (client) return client;
  const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/graphql`;
  client = createClient({
    url,
    lazy: false,
    keepAlive: 10_000,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    retryWait: backoff,
    on: {
      connected: () => setState("online"),
      closed: () => setState("offline"),
      error: () => setState("offline"),
    },
  });
  return client;
}

/** Follows the connection: "online", "offline" (dropped; retrying) or "connecting" (first time). */
export function onConnectionState(listener: (state: ConnectionState) => void): () => void {
  liveClient();
  stateListeners.add(listener);
  listener(state);
  return () => stateListeners.delete(listener);
}

/**
 * Subscribes to a typed operation; `next` gets each result's data. The subscription resumes by
 * itself after a reconnect (graphql-ws re-subscribes); callers re-fetch their snapshot on "online".
 */
export function subscribe<R, V>(document: TypedDocumentString<R, V>, variables: V, next: (data: R) => void, onError?: (e: unknown) => void): () => void {
  return liveClient().subscribe<R>(
    { query: document.toString(), variables: variables as Record<string, unknown> },
    {
      next: (result) => {
        if (result.data) next(result.data as R);
      },
      error: (e) => onError?.(e),
      complete: () => {},
    },
  );
}

/** Closes the socket, e.g. after logout, so the next subscription connects with the new cookie. */
export function resetLive(): void {
  client?.dispose();
  client = undefined;
  setState("connecting");
}
