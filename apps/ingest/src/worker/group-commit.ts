interface Waiting<T> {
  item: T;
  size: number;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export interface GroupCommitOptions<T> {
  /** how much one item weighs (e.g. its messages); a group holds at most maxSize */
  sizeOf?: (item: T) => number;
  maxSize?: number;
}

/**
 * Writes that arrive while another is in flight are written together when it ends (group commit):
 * sixteen partitions decoding side by side then cost one statement and one queue job per target
 * instead of sixteen, and more so the busier the worker is — while an idle worker's lone write
 * goes out at once. Each caller's promise settles with its own write. When a group fails, its
 * items are written one by one, so that one caller's bad data fails only that caller (which
 * retries its batch), never the others.
 */
export class GroupCommit<T> {
  private waiting: Waiting<T>[] = [];
  private running = false;

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly options: GroupCommitOptions<T> = {},
  ) {}

  submit(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ item, size: this.options.sizeOf?.(item) ?? 1, resolve, reject });
      if (!this.running) {
        this.running = true;
        // Callers of the same event-loop turn join the first group.
        setImmediate(() => void this.run());
      }
    });
  }

  /** Items waiting for the write in flight to end. */
  get backlog(): number {
    return this.waiting.length;
  }

  private async run(): Promise<void> {
    while (this.waiting.length > 0) await this.writeGroup(this.takeGroup());
    this.running = false;
  }

  private takeGroup(): Waiting<T>[] {
    const max = this.options.maxSize ?? Infinity;
    let count = 0;
    let size = 0;
    // Always at least one item, however large.
    while (count < this.waiting.length && (count === 0 || size + this.waiting[count]!.size <= max)) {
      size += this.waiting[count]!.size;
      count += 1;
    }
    return this.waiting.splice(0, count);
  }

  private async writeGroup(group: Waiting<T>[]): Promise<void> {
    try {
      await this.write(group.map((w) => w.item));
      for (const w of group) w.resolve();
    } catch (err) {
      if (group.length === 1) {
        group[0]!.reject(err);
        return;
      }
      await Promise.all(
        group.map(async (w) => {
          try {
            await this.write([w.item]);
            w.resolve();
          } catch (own) {
            w.reject(own);
          }
        }),
      );
    }
  }
}
