// Slots taken in arrival order (admission's operation slots, an operation's share of a source's call
// slots): at most `capacity` hold one at once, the rest wait in arrival order.
// Unlike cockatiel's bulkhead (which notices a cancelled waiter only when its turn comes, and then
// starts no one in its place), a waiter that gives up leaves the queue at once, and a freed slot
// always passes to the next waiter still there. A waiter resumes in its own async context.
export class FifoSlots {
  private held = 0;
  /** Waiters in arrival order (a Set keeps insertion order and removes in O(1)). */
  private readonly waiters = new Set<() => void>();

  constructor(readonly capacity: number) {}

  /** Slots free now. */
  get free(): number {
    return this.capacity - this.held;
  }

  /** Callers waiting for a slot. */
  get waiting(): number {
    return this.waiters.size;
  }

  /**
   * Resolves once the caller holds a slot (call `release` exactly once afterwards); rejects with the
   * signal's reason if it aborts first, and then never takes a slot.
   */
  /** Takes a free slot at once, if there is one. */
  tryAcquire(): boolean {
    if (this.held >= this.capacity) return false;
    this.held += 1;
    return true;
  }

  async acquire(signal: AbortSignal): Promise<void> {
    if (signal.aborted) throw signal.reason;
    if (this.tryAcquire()) return;
    await new Promise<void>((resolve, reject) => {
      const granted = () => {
        signal.removeEventListener("abort", gaveUp);
        resolve();
      };
      const gaveUp = () => {
        this.waiters.delete(granted);
        reject(signal.reason);
      };
      this.waiters.add(granted);
      signal.addEventListener("abort", gaveUp, { once: true });
    });
  }

  /** Gives the slot to the longest waiter, or frees it. */
  release(): void {
    const next = this.waiters.values().next();
    if (next.done) {
      this.held -= 1;
      return;
    }
    this.waiters.delete(next.value);
    next.value();
  }
}
