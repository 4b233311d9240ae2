import type { WallBoardFieldsFragment, WallBoardListsFragment } from "../gql/graphql";
import { ApiError, request } from "../lib/api";
import { onConnectionState, subscribe, type ConnectionState } from "../lib/live";
import { session } from "../lib/session.svelte";
import { WallBoardChangedDocument, WallBoardListsDocument, WallBoardSnapshotDocument } from "./board.operations";

export type BoardData = WallBoardFieldsFragment;
export type BoardBulletin = WallBoardListsFragment["bulletins"]["edges"][number]["node"];
export type BoardAction = WallBoardListsFragment["accountabilityActions"]["edges"][number]["node"];

/** Why the wall shows no data: a refused display token, nobody signed in, or another API error. */
export type BoardDenial = { reason: "badToken" } | { reason: "signedOut" } | { reason: "error"; error: unknown };

/** While the socket is down, the snapshot is also tried over HTTP this often (catches a revoked session). */
const OFFLINE_POLL_MS = 15_000;
/**
 * A quiet board is read again this often: overdue and warning follow the clock (midnight, warning
 * times), which no change announces.
 */
const QUIET_REFRESH_MS = 60_000;
/** A failed token exchange (server unreachable) is tried again after this long. */
const RETRY_MS = 5_000;

const isCode = (e: unknown, ...codes: string[]) => e instanceof ApiError && codes.includes(e.code);

/**
 * The wall board's data and connection: a snapshot over HTTP, then live board pushes over the
 * socket; after every reconnect a fresh snapshot, so the wall recovers from drops and restarts alone.
 */
export class WallBoardState {
  board = $state.raw<BoardData | null>(null);
  bulletin = $state.raw<BoardBulletin | null>(null);
  actions = $state.raw<BoardAction[]>([]);
  connection = $state<ConnectionState>("connecting");
  /** When the wall last received data (the browser's clock). */
  updatedAt = $state<Date | null>(null);
  denied = $state.raw<BoardDenial | null>(null);

  private stopped = false;
  private cleanups: Array<() => void> = [];
  /** Counts board pushes, so a snapshot that was asked for before a push does not overwrite it. */
  private pushes = 0;
  private listsRunning = false;
  private listsAgain = false;

  /** Starts the wall: exchanges `token` (if any) for a display session, loads, then follows live. */
  async start(token: string | null): Promise<void> {
    if (token && !(await this.exchange(token))) return;
    if (!(await this.refresh()) || this.stopped) return;
    this.goLive();
  }

  stop(): void {
    this.stopped = true;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  private async exchange(token: string): Promise<boolean> {
    while (!this.stopped) {
      try {
        await session.startDisplay(token);
        return true;
      } catch (e) {
        if (!isCode(e, "NETWORK")) {
          this.denied = isCode(e, "UNAUTHENTICATED", "BAD_USER_INPUT") ? { reason: "badToken" } : { reason: "error", error: e };
          return false;
        }
        await this.sleep(RETRY_MS);
      }
    }
    return false;
  }

  /** Reads the whole snapshot; false when the viewer may not see the board (the wall then says why). */
  private async refresh(): Promise<boolean> {
    const pushesBefore = this.pushes;
    try {
      const data = await request(WallBoardSnapshotDocument);
      if (this.pushes === pushesBefore) this.board = data.board;
      this.applyLists(data);
      return true;
    } catch (e) {
      if (isCode(e, "UNAUTHENTICATED", "FORBIDDEN")) {
        this.denied = isCode(e, "UNAUTHENTICATED") ? { reason: "signedOut" } : { reason: "error", error: e };
        this.stop();
        return false;
      }
      // Unreachable or failing for now: keep what is on screen; the next reconnect or poll tries again.
      return true;
    }
  }

  /** Re-reads the bulletin and actions after a push; pushes that arrive meanwhile fold into one more read. */
  private async refreshLists(): Promise<void> {
    if (this.listsRunning) {
      this.listsAgain = true;
      return;
    }
    this.listsRunning = true;
    try {
      do {
        this.listsAgain = false;
        try {
          this.applyLists(await request(WallBoardListsDocument));
        } catch {
          // Kept as it was; the next push or reconnect reads again.
        }
      } while (this.listsAgain && !this.stopped);
    } finally {
      this.listsRunning = false;
    }
  }

  private applyLists(data: WallBoardListsFragment) {
    this.bulletin = data.bulletins.edges[0]?.node ?? null;
    this.actions = data.accountabilityActions.edges.map((e) => e.node);
    this.updatedAt = new Date();
  }

  private goLive() {
    this.cleanups.push(
      onConnectionState((state) => {
        const before = this.connection;
        this.connection = state;
        // Whatever changed while the socket was away (or before the subscription began) comes in whole.
        if (state === "online" && before !== "online") void this.refresh();
      }),
    );
    const timer = setInterval(() => {
      const quietFor = Date.now() - (this.updatedAt?.getTime() ?? 0);
      if (this.connection === "offline" || quietFor >= QUIET_REFRESH_MS) void this.refresh();
    }, OFFLINE_POLL_MS);
    this.cleanups.push(() => clearInterval(timer));
    this.follow();
  }

  private follow() {
    const unsubscribe = subscribe(
      WallBoardChangedDocument,
      {},
      (data) => {
        this.pushes++;
        this.board = data.boardChanged;
        this.updatedAt = new Date();
        void this.refreshLists();
      },
      // The server ended the subscription with an error: check access, then follow again.
      () => {
        if (this.stopped) return;
        void this.sleep(RETRY_MS).then(async () => {
          if (this.stopped || !(await this.refresh()) || this.stopped) return;
          this.follow();
        });
      },
    );
    this.cleanups.push(unsubscribe);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.cleanups.push(() => clearTimeout(timer));
    });
  }
}
