/**
 * Forward-only Relay paging with a way back: the cursors of the pages already passed, kept per
 * filter so that a changed filter starts again at the first page.
 */
export class CursorPages {
  private key = $state("");
  private stack = $state<string[]>([]);

  /** The `after` cursor for the current page under `key` (null on the first page). */
  after(key: string): string | null {
    return this.key === key ? (this.stack.at(-1) ?? null) : null;
  }

  /** 1-based page number under `key`. */
  page(key: string): number {
    return this.key === key ? this.stack.length + 1 : 1;
  }

  next(key: string, endCursor: string) {
    this.stack = this.key === key ? [...this.stack, endCursor] : [endCursor];
    this.key = key;
  }

  previous(key: string) {
    this.stack = this.key === key ? this.stack.slice(0, -1) : [];
    this.key = key;
  }

  first() {
    this.stack = [];
  }
}
