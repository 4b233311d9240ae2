/** Something that happens at `at` (ms) and may happen again later: a finding's next step, a bulletin. */
export interface Timeline {
  at: number;
  /** Tie-break for equal times, so the order is deterministic. */
  order: number;
  /** Emits the step due at `at`; returns false when the timeline has no further step. */
  step(): boolean;
}

/**
 * A binary min-heap of timelines by (at, order): the journal is written in time order from it.
 * The keys live in typed arrays beside the items, so sifting through a heap of a few hundred
 * thousand findings in progress compares numbers in order rather than visiting each object.
 */
export class TimelineHeap {
  private items: Timeline[] = [];
  private at = new Float64Array(1024);
  private order = new Float64Array(1024);

  get size(): number {
    return this.items.length;
  }

  push(item: Timeline): void {
    const i = this.items.length;
    if (i === this.at.length) this.grow();
    this.items.push(item);
    this.siftUp(i, item, item.at, item.order);
  }

  /** Runs the steps due before `until` in time order, at most `budget` of them; true when none is left. */
  runUntil(until: number, budget: number): boolean {
    for (let n = 0; n < budget; n++) {
      if (this.items.length === 0 || this.at[0]! >= until) return true;
      const top = this.items[0]!;
      if (top.step()) this.siftDown(0, top, top.at, top.order);
      else this.removeTop();
    }
    return this.items.length === 0 || this.at[0]! >= until;
  }

  private removeTop(): void {
    const last = this.items.pop()!;
    const n = this.items.length;
    if (n > 0) this.siftDown(0, last, this.at[n]!, this.order[n]!);
  }

  private siftUp(start: number, item: Timeline, at: number, order: number): void {
    const { at: ats, order: orders } = this;
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pa = ats[parent]!;
      if (at > pa || (at === pa && order >= orders[parent]!)) break;
      this.move(parent, i);
      i = parent;
    }
    this.put(i, item, at, order);
  }

  private siftDown(start: number, item: Timeline, at: number, order: number): void {
    const { at: ats, order: orders } = this;
    const n = this.items.length;
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      let child = left;
      if (right < n && (ats[right]! < ats[left]! || (ats[right] === ats[left] && orders[right]! < orders[left]!))) child = right;
      const ca = ats[child]!;
      if (ca > at || (ca === at && orders[child]! >= order)) break;
      this.move(child, i);
      i = child;
    }
    this.put(i, item, at, order);
  }

  private move(from: number, to: number): void {
    this.items[to] = this.items[from]!;
    this.at[to] = this.at[from]!;
    this.order[to] = this.order[from]!;
  }

  private put(i: number, item: Timeline, at: number, order: number): void {
    this.items[i] = item;
    this.at[i] = at;
    this.order[i] = order;
  }

  private grow(): void {
    const at = new Float64Array(2 * this.at.length);
    const order = new Float64Array(2 * this.order.length);
    at.set(this.at);
    order.set(this.order);
    this.at = at;
    this.order = order;
  }
}
