import type { VetoWatchFieldsFragment } from "../gql/graphql";
import { request } from "../lib/api";
import { onConnectionState, subscribe, type ConnectionState } from "../lib/live";
import { VetoWatchChangedDocument, VetoWatchDocument } from "./reviews.operations";

/**
 * 一票否决 watch for one year and unit, kept current: read once, then replaced by each live push
 * (the server sends the whole watch after every quality review of that year in scope).
 */
export class VetoWatchLive {
  watch = $state<VetoWatchFieldsFragment | null>(null);
  error = $state<unknown>(null);
  loading = $state(true);
  connection = $state<ConnectionState>("connecting");
  #ticket = 0;

  /** Starts following `year` under `unit` (all the viewer sees when null); returns the stop function. */
  follow(year: number, unit: string | null, onchange: () => void): () => void {
    // Subscribe first, so a review recorded while the first read is under way is not missed.
    const stop = subscribe(VetoWatchChangedDocument, { year, unit }, (data) => {
      // A push is at least as new as any read still under way: that read's answer is dropped.
      this.#ticket++;
      this.watch = data.vetoWatchChanged;
      this.error = null;
      this.loading = false;
      onchange();
    });
    let wasOffline = false;
    // Reviews recorded while the socket was down are not replayed: read again on reconnect.
    const stopState = onConnectionState((state) => {
      this.connection = state;
      if (state === "offline") wasOffline = true;
      else if (state === "online" && wasOffline) {
        wasOffline = false;
        void this.load(year, unit);
        onchange();
      }
    });
    void this.load(year, unit);
    return () => {
      this.#ticket++;
      stop();
      stopState();
    };
  }

  async load(year: number, unit: string | null): Promise<void> {
    const mine = ++this.#ticket;
    this.loading = true;
    try {
      const data = await request(VetoWatchDocument, { year, unit });
      if (mine !== this.#ticket) return;
      this.watch = data.vetoWatch;
      this.error = null;
    } catch (e) {
      if (mine === this.#ticket) this.error = e;
    } finally {
      if (mine === this.#ticket) this.loading = false;
    }
  }
}
