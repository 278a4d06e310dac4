/**
 * The discrete-event kernel: a clock and a priority queue of events.
 *
 * An event is (time, insertion seq) → (fn, arg). The queue is a binary min-heap of slot indices
 * kept in an Int32Array; each slot's time and seq sit in Float64Arrays (and its fn and arg in
 * plain arrays), so the hot path moves integers and allocates nothing. Freed slots go on a free
 * list. Equal times pop in insertion order, so a run is a pure function of the schedule calls.
 * There is no cancellation: a model that may change its mind checks staleness when its event fires.
 */

/** A callback run when its event fires; `arg` is whatever was given to `schedule` or `at`. */
export type Handler<T = any> = (arg: T) => void;

const INITIAL_SLOTS = 1024;

/** Discrete-event kernel: a clock and a priority queue of (time, insertion seq) → (fn, arg). Equal times pop in insertion order. */
export class Simulation {
  /** Simulation time in seconds. */
  now = 0;
  private processed = 0;
  private stopped = false;
  private nextSeq = 0;

  /** heap[0..size) holds slot indices ordered by (time, seq). */
  private heap = new Int32Array(INITIAL_SLOTS);
  private size = 0;
  private time = new Float64Array(INITIAL_SLOTS);
  private seq = new Float64Array(INITIAL_SLOTS);
  private fns: (Handler | undefined)[] = new Array(INITIAL_SLOTS).fill(undefined);
  private args: unknown[] = new Array(INITIAL_SLOTS).fill(undefined);
  /** Free slots form a stack threaded through `freeNext`; -1 ends it. */
  private freeNext = new Int32Array(INITIAL_SLOTS);
  private freeHead = 0;

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

  /** Runs `fn(arg)` at `now + delayS`; the delay must be a finite number ≥ 0 (seconds). */
  schedule<T>(delayS: number, fn: Handler<T>, arg?: T): void {
    if (!(delayS >= 0) || delayS === Infinity) {
      throw new RangeError(`Simulation.schedule: delay must be a finite number of seconds >= 0, got ${delayS} at t=${this.now}`);
    }
    this.push(this.now + delayS, fn, arg);
  }

  /** Runs `fn(arg)` at absolute time `timeS` (seconds), which must be finite and not before `now`. */
  at<T>(timeS: number, fn: Handler<T>, arg?: T): void {
    if (!(timeS >= this.now) || timeS === Infinity) {
      throw new RangeError(`Simulation.at: time must be finite and >= now (${this.now}s), got ${timeS}`);
    }
    this.push(timeS, fn, arg);
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
      const slot = this.heap[0]!;
      const t = this.time[slot]!;
      if (t > untilS) break;
      const fn = this.fns[slot]!;
      const arg = this.args[slot];
      this.fns[slot] = undefined;
      this.args[slot] = undefined;
      this.popRoot(slot);
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

  private push(t: number, fn: Handler<any>, arg: unknown): void {
    if (this.freeHead < 0) this.grow();
    const slot = this.freeHead;
    this.freeHead = this.freeNext[slot]!;
    const s = this.nextSeq++;
    this.time[slot] = t;
    this.seq[slot] = s;
    this.fns[slot] = fn;
    this.args[slot] = arg;
    const heap = this.heap, time = this.time, seq = this.seq;
    let i = this.size++;
    while (i > 0) {
      const parentIdx = (i - 1) >> 1;
      const p = heap[parentIdx]!;
      const pt = time[p]!;
      if (pt < t || (pt === t && seq[p]! < s)) break;
      heap[i] = p;
      i = parentIdx;
    }
    heap[i] = slot;
  }

  /** Removes the root (whose slot is `rootSlot`), returning the slot to the free list. */
  private popRoot(rootSlot: number): void {
    this.freeNext[rootSlot] = this.freeHead;
    this.freeHead = rootSlot;
    const n = --this.size;
    if (n === 0) return;
    const heap = this.heap, time = this.time, seq = this.seq;
    const last = heap[n]!;
    const lt = time[last]!, ls = seq[last]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      let cs = heap[c]!;
      let ct = time[cs]!;
      const r = c + 1;
      if (r < n) {
        const rs = heap[r]!;
        const rt = time[rs]!;
        if (rt < ct || (rt === ct && seq[rs]! < seq[cs]!)) { c = r; cs = rs; ct = rt; }
      }
      if (lt < ct || (lt === ct && ls < seq[cs]!)) break;
      heap[i] = cs;
      i = c;
    }
    heap[i] = last;
  }

  private grow(): void {
    const old = this.time.length, cap = old * 2;
    const heap = new Int32Array(cap); heap.set(this.heap); this.heap = heap;
    const time = new Float64Array(cap); time.set(this.time); this.time = time;
    const seq = new Float64Array(cap); seq.set(this.seq); this.seq = seq;
    const freeNext = new Int32Array(cap); freeNext.set(this.freeNext); this.freeNext = freeNext;
    for (let i = old; i < cap; i++) { this.fns.push(undefined); this.args.push(undefined); }
    this.threadFreeList(old);
  }

  private threadFreeList(from: number): void {
    const cap = this.time.length;
    for (let i = from; i < cap - 1; i++) this.freeNext[i] = i + 1;
    this.freeNext[cap - 1] = -1;
    this.freeHead = from;
  }
}
