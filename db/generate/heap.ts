/** Something that happens at `at` (ms) and may happen again later: a finding's next step, a bulletin. */
export interface Timeline {
  at: number;
  /** Tie-break for equal times, so the order is deterministic. */
  order: number;
  /** Emits the step due at `at`; returns false when the timeline has no further step. */
  step(): boolean;
}

const before = (a: Timeline, b: Timeline) => a.at < b.at || (a.at === b.at && a.order < b.order);

/** A binary min-heap of timelines by (at, order): the journal is written in time order from it. */
export class TimelineHeap {
  private items: Timeline[] = [];

  get size(): number {
    return this.items.length;
  }

  push(item: Timeline): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(item, items[parent]!)) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = item;
  }

  /** Runs the steps due before `until` in time order, at most `budget` of them; true when none is left. */
  runUntil(until: number, budget: number): boolean {
    for (let n = 0; n < budget; n++) {
      if (this.items.length === 0 || this.items[0]!.at >= until) return true;
      const top = this.items[0]!;
      if (top.step()) this.siftDown(0);
      else this.removeTop();
    }
    return this.items.length === 0 || this.items[0]!.at >= until;
  }

  private removeTop(): void {
    const last = this.items.pop()!;
    if (this.items.length > 0) {
      this.items[0] = last;
      this.siftDown(0);
    }
  }

  private siftDown(start: number): void {
    const items = this.items;
    const item = items[start]!;
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child = right < items.length && before(items[right]!, items[left]!) ? right : left;
      if (!before(items[child]!, item)) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = item;
  }
}
