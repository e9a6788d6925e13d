/** A binary min-heap of (time, index) pairs: the simulator's schedule of sensor readings. */
export class MinHeap {
  private readonly times: number[] = [];
  private readonly items: number[] = [];

  get size(): number {
    return this.times.length;
  }

  peekTime(): number | undefined {
    return this.times[0];
  }

  push(time: number, item: number): void {
    const t = this.times;
    const v = this.items;
    let i = t.length;
    t.push(time);
    v.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (t[parent]! <= time) break;
      t[i] = t[parent]!;
      v[i] = v[parent]!;
      i = parent;
    }
    t[i] = time;
    v[i] = item;
  }

  /** Removes and returns the item with the smallest time. */
  pop(): number | undefined {
    const t = this.times;
    const v = this.items;
    if (t.length === 0) return undefined;
    const top = v[0]!;
    const lastTime = t.pop()!;
    const lastItem = v.pop()!;
    if (t.length > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= t.length) break;
        const right = left + 1;
        const child = right < t.length && t[right]! < t[left]! ? right : left;
        if (t[child]! >= lastTime) break;
        t[i] = t[child]!;
        v[i] = v[child]!;
        i = child;
      }
      t[i] = lastTime;
      v[i] = lastItem;
    }
    return top;
  }
}
