/**
 * The discrete-event kernel: a clock and a priority queue of events.
 *
 * An event is (time, insertion seq) → (fn, arg). The queue is a calendar queue (R. Brown, "Calendar
 * queues", CACM 31(10), 1988): time is cut into days of `width` seconds, day d = ⌊t / width⌋ goes to
 * bucket d mod nBuckets (a year is nBuckets days), and each bucket keeps its events in a list
 * sorted by (time, seq). The next event is the head of the current day's bucket if that head
 * falls on the current day; otherwise the scan moves to the next day. With the width about three
 * mean gaps between events and about one event per bucket, a push walks a list of one or two and
 * a pop looks at one or two buckets, whatever the number pending: a 4-ary heap's pop cost doubled
 * from 10 to 1,000 pending events (the requests in service at 100,000 requests/s), so a large
 * system paid more per attempt in the kernel alone. The number of buckets doubles when more than
 * twice as many events are pending, halves (looked at every 1,024 pops) when fewer than half, and
 * the width is then re-estimated from the gaps between the earliest pending events (and again
 * when pops scan many empty days or pushes walk long lists); a year scanned without an event
 * falls back to a direct search of the bucket heads. Events live in slots recycled through a free
 * list; the hot path allocates nothing. A slot's keys and list link are one row of a Float64Array
 * (KEY_STRIDE numbers) and its fn and arg two neighbours in one plain array, so an event is read
 * from two cache lines, not six: at 100,000 requests/s thousands of events are pending, a popped
 * or walked slot is no longer in the first-level cache, and with one array per field the kernel's
 * pop took 13.6 first-level misses per attempt against 0.4 for the same fleet at 1,000 requests/s
 * (callgrind, 5,000 instances per region).
 *
 * The day of an event is computed once, when it is pushed, and ⌊t / width⌋ never decreases as t
 * grows, so every event of an earlier day comes before every event of a later one, and within a
 * bucket the list order is the (time, seq) order: the pop order is exactly (time, seq), whatever
 * the width or the number of buckets. Equal times pop in insertion order (seq is unique), so a run
 * is a pure function of the schedule calls.
 * There is no cancellation: a model that may change its mind checks staleness when its event fires.
 */

/** A callback run when its event fires; `arg` is whatever was given to `schedule` or `at`. */
export type Handler<T = any> = (arg: T) => void;

const INITIAL_SLOTS = 1024;
/** A slot's row in `keys`: its time, its seq, its day (⌊time / width⌋ when it was filed) and the next slot in its bucket's list (-1: none) or the next free slot. */
const KEY_STRIDE = 4;
const SEQ = 1;
const DAY = 2;
const NEXT = 3;
/** Fewest buckets the calendar keeps (a small queue scans a short year). */
const MIN_BUCKETS = 16;
/** Earliest pending events whose gaps estimate the width when the calendar is rebuilt. */
const GAP_SAMPLE = 64;
/** A rebuild sets the width to this many mean gaps (Brown's factor: about one event per day). */
const WIDTH_GAPS = 3;
/**
 * Narrowest day, seconds: day numbers stay exact integers (< 2^53) for 100 days of simulated
 * time even at this width; beyond, the order stays exact and only the scan slows (findNext).
 */
const MIN_WIDTH_S = 1e-9;
/** Pops between checks that the width still fits (a scan of many empty days, or long lists, rebuilds). */
const CHECK_EVERY = 1024;

/** Discrete-event kernel: a clock and a priority queue of (time, insertion seq) → (fn, arg). Equal times pop in insertion order. */
export class Simulation {
  /** Simulation time in seconds. */
  now = 0;
  private processed = 0;
  private stopped = false;
  private nextSeq = 0;
  private size = 0;

  /** Slot s's row starts at s * KEY_STRIDE: time, then SEQ, DAY and NEXT (see KEY_STRIDE). */
  private keys = new Float64Array(INITIAL_SLOTS * KEY_STRIDE);
  /** Slot s's fn at 2s and its arg at 2s + 1 (undefined while the slot is free). */
  private calls: unknown[] = new Array(2 * INITIAL_SLOTS).fill(undefined);
  /** Free slots form a stack threaded through their NEXT; -1 ends it. */
  private freeHead = 0;

  /**
   * Head and tail slot of each bucket's sorted list, bucket b's at 2b and 2b + 1, side by side
   * because a push reads both (head -1: empty, the tail is stale then); the number of buckets is
   * a power of two.
   */
  private lists = emptyLists(MIN_BUCKETS);
  private mask = MIN_BUCKETS - 1;
  private width = 1;
  private invWidth = 1;
  /** The day the scan for the next event starts from: no pending event is on an earlier day. */
  private day = 0;
  /** Scratch for the width estimate: the earliest pending times. */
  private readonly sample = new Float64Array(GAP_SAMPLE);
  /** Days scanned and list links walked since the last check (see CHECK_EVERY). */
  private scanned = 0;
  private walked = 0;
  private untilCheck = CHECK_EVERY;

  constructor() {
    this.threadFreeList(0);
  }

  /** Number of events processed so far. */
  get events(): number {
    return this.processed;
  }

  /** Number of events scheduled and not yet processed. */
  get pending(): number {
    return this.size;
  }

  /** Event slots allocated, pending and free (they grow by doubling and are never given back). */
  get capacity(): number {
    return this.keys.length / KEY_STRIDE;
  }

  /**
   * Runs `fn(arg)` at `now + delayS`; the delay must be a finite number ≥ 0 (seconds).
   *
   * Kept small, and the time stored in its slot here, so that the models' calls inline it and
   * the real-valued time never crosses a call: a number passed to a function V8 did not inline is
   * boxed in a heap object of 16 bytes, and a request's path schedules three or four events (a
   * push(t, ...) left out of an inlining budget made that many boxes per attempt).
   */
  schedule<T>(delayS: number, fn: Handler<T>, arg?: T): void {
    if (!(delayS >= 0) || delayS === Infinity) badTime('schedule: delay must be a finite number of seconds >= 0', delayS, this.now);
    const slot = this.take(fn, arg);
    this.keys[slot * KEY_STRIDE] = this.now + delayS;
    this.filed(slot);
  }

  /** Runs `fn(arg)` at absolute time `timeS` (seconds), which must be finite and not before `now`. */
  at<T>(timeS: number, fn: Handler<T>, arg?: T): void {
    if (!(timeS >= this.now) || timeS === Infinity) badTime(`at: time must be finite and >= now (${this.now}s)`, timeS, this.now);
    const slot = this.take(fn, arg);
    this.keys[slot * KEY_STRIDE] = timeS;
    this.filed(slot);
  }

  /**
   * Processes every event with time ≤ `untilS` in (time, seq) order, then sets `now = untilS`.
   * After `stop()` it returns at once and `now` stays at the time of the last event run.
   * `run(Infinity)` drains the queue and leaves `now` at the last event's time.
   */
  run(untilS: number): void {
    if (!(untilS >= this.now)) {
      throw new RangeError(`Simulation.run: until must be >= now (${this.now}s), got ${untilS}`);
    }
    this.stopped = false;
    while (this.size > 0) {
      const slot = this.findNext();
      const keys = this.keys, row = slot * KEY_STRIDE;
      const t = keys[row]!;
      if (t > untilS) break;
      // findNext left `day` on the event's day: unlink the head of that day's bucket.
      this.lists[2 * (this.day & this.mask)] = keys[row + NEXT]!;
      const calls = this.calls, c = 2 * slot;
      const fn = calls[c] as Handler;
      const arg = calls[c + 1];
      calls[c] = undefined;
      calls[c + 1] = undefined;
      keys[row + NEXT] = this.freeHead;
      this.freeHead = slot;
      this.size--;
      if (--this.untilCheck === 0) this.check();
      this.now = t;
      this.processed++;
      fn(arg);
      if (this.stopped) return;
    }
    if (untilS !== Infinity) this.now = untilS;
  }

  /** Makes `run()` return after the event being processed. */
  stop(): void {
    this.stopped = true;
  }

  /** A free slot holding `fn(arg)` and the next seq (its time is the caller's to set, then `filed`). */
  private take(fn: Handler<any>, arg: unknown): number {
    if (this.freeHead < 0) this.grow();
    const slot = this.freeHead;
    const row = slot * KEY_STRIDE;
    this.freeHead = this.keys[row + NEXT]!;
    this.keys[row + SEQ] = this.nextSeq++;
    this.calls[2 * slot] = fn;
    this.calls[2 * slot + 1] = arg;
    return slot;
  }

  /** Files a taken slot whose time is set, and grows the calendar when it holds too many events. */
  private filed(slot: number): void {
    this.file(slot);
    if (++this.size > 2 * (this.mask + 1)) this.rebuild(2 * (this.mask + 1));
  }

  /**
   * Puts a slot (its time and seq set) into its day's bucket, in (time, seq) order: at the tail
   * when it is the bucket's latest (always so for events of one instant, and usual for a bucket
   * holding one day), else after a walk from the head.
   */
  private file(slot: number): void {
    const keys = this.keys, row = slot * KEY_STRIDE;
    const d = Math.floor(keys[row]! * this.invWidth);
    keys[row + DAY] = d;
    if (d < this.day) this.day = d;
    const lists = this.lists, h = 2 * (d & this.mask);
    let p = lists[h]!;
    if (p < 0) {
      keys[row + NEXT] = -1;
      lists[h] = lists[h + 1] = slot;
      return;
    }
    const tail = lists[h + 1]!;
    if (this.before(tail, slot)) {
      keys[row + NEXT] = -1;
      keys[tail * KEY_STRIDE + NEXT] = slot;
      lists[h + 1] = slot;
      return;
    }
    if (this.before(slot, p)) {
      keys[row + NEXT] = p;
      lists[h] = slot;
      return;
    }
    // p comes before the slot and the tail after it: the walk ends inside the list.
    for (;;) {
      const q = keys[p * KEY_STRIDE + NEXT]!;
      if (this.before(slot, q)) break;
      p = q;
      this.walked++;
    }
    keys[row + NEXT] = keys[p * KEY_STRIDE + NEXT]!;
    keys[p * KEY_STRIDE + NEXT] = slot;
  }

  /** Whether slot x's event comes before slot y's: the earlier time, or at one time the earlier seq. */
  private before(x: number, y: number): boolean {
    const keys = this.keys, rx = x * KEY_STRIDE, ry = y * KEY_STRIDE;
    const tx = keys[rx]!, ty = keys[ry]!;
    return tx < ty || (tx === ty && keys[rx + SEQ]! < keys[ry + SEQ]!);
  }

  /**
   * The slot of the next event (the queue is not empty), leaving `day` on its day: scans day by
   * day from `day`, and after a whole year without an event, searches the bucket heads directly.
   */
  private findNext(): number {
    const lists = this.lists, keys = this.keys, mask = this.mask;
    let d = this.day;
    const first = lists[2 * (d & mask)]!;
    if (first >= 0 && keys[first * KEY_STRIDE + DAY]! <= d) return first;
    for (let n = 1; n <= mask; n++) {
      const h = lists[2 * (++d & mask)]!;
      if (h >= 0 && keys[h * KEY_STRIDE + DAY]! <= d) {
        this.scanned += n;
        this.day = d;
        return h;
      }
    }
    this.scanned += mask + 1;
    // Nothing within a year: the earliest head (each is its bucket's earliest) is the next event.
    let best = -1;
    for (let b = 0; b <= mask; b++) {
      const h = lists[2 * b]!;
      if (h >= 0 && (best < 0 || this.before(h, best))) best = h;
    }
    this.day = keys[best * KEY_STRIDE + DAY]!;
    return best;
  }

  /**
   * Every CHECK_EVERY pops: halves the buckets when fewer events are pending than half of them;
   * else, when scans of empty days or list walks have averaged over four per pop, re-files the
   * queue with a fresh width if the estimate moved by more than half (a width that fits as well
   * as the data allows is not rebuilt over and over).
   */
  private check(): void {
    this.untilCheck = CHECK_EVERY;
    const long = this.scanned > 4 * CHECK_EVERY || this.walked > 4 * CHECK_EVERY;
    this.scanned = this.walked = 0;
    if (this.size < (this.mask + 1) >> 1 && this.mask >= MIN_BUCKETS) return this.rebuild((this.mask + 1) >> 1);
    if (!long) return;
    const w = this.estimateWidth();
    if (w > 1.5 * this.width || w < this.width / 1.5) this.rebuild(this.mask + 1);
  }

  /**
   * A day's width for the events ahead (Brown's estimate, read without dequeuing): the earliest
   * pending events, up to GAP_SAMPLE of them in time order (day by day through one year from the
   * current day), give the mean gap between consecutive events, then the mean again without gaps
   * over twice the first; the width is WIDTH_GAPS such gaps (see sparseWidth for a year with
   * fewer than two events; the current width stays if they are all at one instant).
   */
  private estimateWidth(): number {
    const lists = this.lists, keys = this.keys, mask = this.mask;
    const times = this.sample;
    let n = 0;
    for (let d = this.day, k = 0; k <= mask && n < GAP_SAMPLE; k++, d++) {
      // A list is in time order, so its days never decrease: day d's events come first.
      for (let s = lists[2 * (d & mask)]!; s >= 0 && n < GAP_SAMPLE && keys[s * KEY_STRIDE + DAY]! <= d; s = keys[s * KEY_STRIDE + NEXT]!) {
        if (keys[s * KEY_STRIDE + DAY] === d) times[n++] = keys[s * KEY_STRIDE]!;
      }
    }
    if (n < 2) return this.sparseWidth();
    const mean = (times[n - 1]! - times[0]!) / (n - 1);
    let kept = 0, keptSum = 0;
    for (let i = 1; i < n; i++) {
      const g = times[i]! - times[i - 1]!;
      if (g <= 2 * mean) { kept++; keptSum += g; }
    }
    const gap = keptSum / kept;
    return gap > 0 ? Math.max(MIN_WIDTH_S, WIDTH_GAPS * gap) : this.width;
  }

  /**
   * When a year holds under two events: WIDTH_GAPS mean gaps over all pending events (their span
   * over their count), or the current width if they share one instant.
   */
  private sparseWidth(): number {
    const lists = this.lists, keys = this.keys;
    let lo = Infinity, hi = -Infinity, n = 0;
    for (let b = 0; b <= this.mask; b++) {
      for (let s = lists[2 * b]!; s >= 0; s = keys[s * KEY_STRIDE + NEXT]!) {
        const t = keys[s * KEY_STRIDE]!;
        if (t < lo) lo = t;
        if (t > hi) hi = t;
        n++;
      }
    }
    return n >= 2 && hi > lo ? Math.max(MIN_WIDTH_S, (WIDTH_GAPS * (hi - lo)) / (n - 1)) : this.width;
  }

  /** Re-files every pending event into `buckets` buckets (at least MIN_BUCKETS) of a freshly estimated width. */
  private rebuild(buckets: number): void {
    this.width = this.estimateWidth();
    this.invWidth = 1 / this.width;
    const old = this.lists;
    this.lists = emptyLists(Math.max(MIN_BUCKETS, buckets));
    this.mask = this.lists.length / 2 - 1;
    this.day = Math.floor(this.now * this.invWidth);
    for (let h = 0; h < old.length; h += 2) {
      for (let s = old[h]!; s >= 0; ) {
        const next = this.keys[s * KEY_STRIDE + NEXT]!;
        this.file(s);
        s = next;
      }
    }
    this.scanned = this.walked = 0;
  }

  private grow(): void {
    const old = this.keys.length / KEY_STRIDE, cap = old * 2;
    const keys = new Float64Array(cap * KEY_STRIDE); keys.set(this.keys); this.keys = keys;
    for (let i = 2 * old; i < 2 * cap; i++) this.calls.push(undefined);
    this.threadFreeList(old);
  }

  /** Threads slots `from` to the end onto the free list. */
  private threadFreeList(from: number): void {
    const keys = this.keys, cap = keys.length / KEY_STRIDE;
    for (let i = from; i < cap - 1; i++) keys[i * KEY_STRIDE + NEXT] = i + 1;
    keys[(cap - 1) * KEY_STRIDE + NEXT] = -1;
    this.freeHead = from;
  }
}

/** The bucket lists of a calendar of `buckets` buckets, all empty. */
function emptyLists(buckets: number): Int32Array {
  return new Int32Array(2 * buckets).fill(-1);
}

/** Throws the RangeError of a bad delay or time (out of line: the schedulers stay small enough to inline). */
function badTime(what: string, got: number, now: number): never {
  throw new RangeError(`Simulation.${what}, got ${got} at t=${now}`);
}
