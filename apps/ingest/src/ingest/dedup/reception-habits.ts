/** A sender's telegrams with fewer receptions than expected, one after another, before the
 * expectation is lowered to the most of them (a gateway switched off, a device moved). */
const LOWER_AFTER = 8;
/** senders remembered at most (oldest forgotten first): bounds memory where many foreign
 * devices are heard */
const MAX_SENDERS = 200_000;

interface Habit {
  expected: number;
  /** telegrams in a row with fewer receptions than expected, and the most of them */
  shortRun: number;
  shortMax: number;
}

/**
 * How many receptions a sender's telegrams usually have in this ingest process: the gateways
 * that hear a sensor rarely change, so once a telegram has that many copies here, no other copy
 * is coming and it need not wait out the rest of its gathering (DEDUP_GATHER_MS). Learned from
 * each released telegram's receptions; raised by a copy that arrived too late (it belonged to the
 * telegram); lowered only after several telegrams in a row had fewer. An unknown sender waits out
 * the whole gathering, as before.
 */
export class ReceptionHabits {
  private readonly habits = new Map<string, Habit>();

  /** Receptions after which a telegram of this sender is complete; undefined: not known yet. */
  expected(key: string): number | undefined {
    return this.habits.get(key)?.expected;
  }

  /** A telegram of this sender was released with `receptions` receptions. */
  learn(key: string, receptions: number): void {
    const habit = this.habits.get(key);
    if (!habit) return this.remember(key, { expected: receptions, shortRun: 0, shortMax: 0 });
    if (receptions >= habit.expected) {
      habit.expected = receptions;
      habit.shortRun = 0;
      habit.shortMax = 0;
    } else {
      habit.shortRun += 1;
      habit.shortMax = Math.max(habit.shortMax, receptions);
      if (habit.shortRun >= LOWER_AFTER) {
        habit.expected = habit.shortMax;
        habit.shortRun = 0;
        habit.shortMax = 0;
      }
    }
    // Most recently heard last: the oldest are forgotten first.
    this.remember(key, habit);
  }

  /** A copy of a released telegram of this sender arrived: it has one reception more than was
   * waited for. */
  lateCopy(key: string): void {
    const habit = this.habits.get(key);
    if (habit) {
      habit.expected += 1;
      habit.shortRun = 0;
      habit.shortMax = 0;
    }
  }

  private remember(key: string, habit: Habit): void {
    this.habits.delete(key);
    this.habits.set(key, habit);
    if (this.habits.size > MAX_SENDERS) this.habits.delete(this.habits.keys().next().value!);
  }
}
