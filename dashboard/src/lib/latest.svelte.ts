/**
 * The answer to the latest of a series of requests (a filter changed, then changed again): an older
 * request that resolves after a newer one is dropped, so the page never shows stale rows.
 */
export class Latest<T> {
  value = $state<T | null>(null);
  error = $state<unknown>(null);
  loading = $state(true);
  #ticket = 0;

  load(promise: Promise<T>): void {
    const mine = ++this.#ticket;
    this.loading = true;
    promise.then(
      (value) => {
        if (mine !== this.#ticket) return;
        this.value = value;
        this.error = null;
        this.loading = false;
      },
      (error: unknown) => {
        if (mine !== this.#ticket) return;
        this.error = error;
        this.loading = false;
      },
    );
  }
}
