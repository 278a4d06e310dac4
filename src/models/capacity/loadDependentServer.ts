/**
 * A processor-sharing server whose speed depends on how many requests it holds: with n jobs in
 * service, each progresses at 1 / slowdown(n) lone-request seconds per second (curve.ts), so a
 * job needing `demand` seconds alone finishes once it has received that much. Jobs progress and
 * finish as events: the server keeps a virtual time V (the service every job present has
 * received since V's origin); a job arriving at V with demand d finishes when V reaches V + d. At
 * each arrival, departure or removal V is brought up to date and the next finish is scheduled at
 * (tag − V) × slowdown(n); a finish event from before the last change is stale and ignored
 * (the kernel has no cancellation).
 *
 * Also keeps ∫ X(n)/X_peak dt, the share of its peak throughput the server delivered (its
 * utilisation, X from curve.ts).
 */
import type { Simulation } from '../../engine/sim.js';
import { peakThroughput, slowdown, throughputAt, type CapacityCurve } from './curve.js';

/** A job in service. A class, not an object literal: V8 may pretenure a literal (see Instance's Work). */
class Entry<J> {
  live = true;
  constructor(
    readonly tag: number,
    readonly job: J,
  ) {}
}

/** See the module comment. `onDone(job)` runs when a job finishes (not when it is removed). */
export class LoadDependentServer<J> {
  private readonly heap: Entry<J>[] = [];
  private readonly entries = new Map<J, Entry<J>>();
  private v = 0;
  private lastT: number;
  private token = 0;
  private n = 0;
  private readonly peak: number;
  private utilInt = 0;
  private jobsInt = 0;
  private sinceT: number;

  constructor(
    private readonly sim: Simulation,
    private readonly curve: CapacityCurve,
    /** Most jobs it can hold (the instance's concurrency): bounds the peak throughput. */
    maxInFlight: number,
    private readonly onDone: (job: J) => void,
  ) {
    this.lastT = this.sinceT = sim.now;
    this.peak = peakThroughput(curve, maxInFlight);
  }

  /** Jobs in service. */
  get inService(): number {
    return this.n;
  }

  /** Starts serving `job`, which needs `demandS` seconds of a lone request's time. */
  add(job: J, demandS: number): void {
    this.advance();
    const e = new Entry(this.v + demandS, job);
    this.entries.set(job, e);
    this.push(e);
    this.n++;
    this.reschedule();
  }

  /** Stops serving `job` without finishing it (its client cancelled); false if it is not here. */
  remove(job: J): boolean {
    const e = this.entries.get(job);
    if (!e) return false;
    this.advance();
    e.live = false;
    this.entries.delete(job);
    this.n--;
    this.reschedule();
    return true;
  }

  /** Drops every job (the process died); nothing finishes. */
  clear(): void {
    this.advance();
    this.heap.length = 0;
    this.entries.clear();
    this.n = 0;
    this.token++;
  }

  /**
   * Since the last `resetStats` (or construction, at `sinceT`): ∫ X(n)/X_peak dt (`busyS`, seconds)
   * and ∫ n dt (`jobS`, job-seconds: divided by the elapsed time, the mean number in service).
   */
  utilisation(): { busyS: number; jobS: number; sinceT: number } {
    this.advance();
    return { busyS: this.utilInt, jobS: this.jobsInt, sinceT: this.sinceT };
  }

  /** Restarts the utilisation integral from now. */
  resetStats(): void {
    this.advance();
    this.utilInt = 0;
    this.jobsInt = 0;
    this.sinceT = this.sim.now;
  }

  /** Share of the peak throughput delivered right now (0..1). */
  get load(): number {
    return this.peak > 0 && Number.isFinite(this.peak) ? throughputAt(this.curve, this.n) / this.peak : 0;
  }

  private advance(): void {
    const dt = this.sim.now - this.lastT;
    if (dt > 0 && this.n > 0) {
      this.v += dt / slowdown(this.curve, this.n);
      this.utilInt += dt * this.load;
      this.jobsInt += dt * this.n;
    }
    this.lastT = this.sim.now;
  }

  private reschedule(): void {
    const token = ++this.token;
    this.dropDead();
    const top = this.heap[0];
    if (!top) return;
    const delay = Math.max(0, (top.tag - this.v) * slowdown(this.curve, this.n));
    this.sim.schedule(delay, this.finish, token);
  }

  private readonly finish = (token: number): void => {
    if (token !== this.token) return;
    this.advance();
    this.dropDead();
    const top = this.pop()!;
    if (top.tag > this.v) this.v = top.tag;
    this.entries.delete(top.job);
    this.n--;
    this.reschedule();
    this.onDone(top.job);
  };

  private dropDead(): void {
    while (this.heap.length > 0 && !this.heap[0]!.live) this.pop();
  }

  private push(e: Entry<J>): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent]!.tag <= e.tag) break;
      h[i] = h[parent]!;
      i = parent;
    }
    h[i] = e;
  }

  private pop(): Entry<J> | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length === 0 || !last) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) break;
      const r = l + 1;
      const c = r < h.length && h[r]!.tag < h[l]!.tag ? r : l;
      if (h[c]!.tag >= last.tag) break;
      h[i] = h[c]!;
      i = c;
    }
    h[i] = last;
    return top;
  }
}
