/**
 * Collects what the models report during one replication: per-second counts of requests by
 * arrival second (for the SLO and RTO), attempts by send second, latency histograms and gauges
 * per timeline bucket, data loss, and notable events.
 */
import type { ClientRequest, Recorder } from '../models/types.js';
import { LATENCY_BINS, latencyBin } from './latencyHistogram.js';
import type { PhaseInterval } from './rtoPhases.js';
import { BusinessRecovery } from './businessRecovery.js';

/** The fixed timeline grid, relative to the fault start: bucket k covers [t0 + k·b, t0 + (k+1)·b). */
export interface TimelineGrid {
  bucketS: number;
  /** Relative start of the first bucket (≤ 0). */
  startS: number;
  buckets: number;
}

/** A named quantity sampled once per timeline bucket (at its middle). */
export interface Gauge {
  name: string;
  read: () => number;
}

/** One notable event, `t_s` relative to the fault start. */
export interface TimelineEvent {
  t_s: number;
  kind: string;
  text: string;
}

/** Counts of one client class in one replication. */
export interface ClassTally {
  /** Logical requests that finished and were not re-issues of a restarted workflow. */
  unique: number;
  /** Logical requests that finished, re-issues included. */
  finished: number;
  ok: number;
  /** Sum over successes of what each is worth (a degraded answer: its fallback's success_value). */
  okValue: number;
  degraded: number;
  /** Successes whose work a queue fallback deferred. */
  deferred: number;
  attempts: number;
  /** Attempts of finished requests that an open client breaker stopped before sending. */
  shortCircuited: number;
  workflows: number;
  workflowsOk: number;
}

/** The raw record of one replication, turned into an outcome by `outcome.ts`. */
export class ReplicationRecorder implements Recorder {
  readonly seconds: number;
  /**
   * By arrival second: finished requests, of which succeeded, of which good (ok and within the SLO
   * latency). A success counts as what it is worth (`req.value`: a degraded answer as its
   * fallback's success_value, deferred work as 0), so `ok` and `good` are sums of values.
   */
  readonly total: Float64Array;
  readonly ok: Float64Array;
  readonly good: Float64Array;
  /** By arrival second: successful requests that were not re-issues (useful work). */
  readonly goodput: Float64Array;
  readonly attemptsBySecond: Float64Array;
  readonly latency: Float64Array;
  readonly gauges: Map<string, Float64Array> = new Map();
  readonly events: TimelineEvent[] = [];
  /** Intervals the models spent on the way to recovery, in the order reported. */
  readonly phases: PhaseInterval[] = [];
  /** The parts of business recovery reported so far. */
  readonly business = new BusinessRecovery();
  /** Per client class: the counts behind its outcome. */
  readonly classes: ClassTally[];
  /** Per client class, attempts sent by second. */
  readonly classAttemptsBySecond: Float64Array[];
  /** Per client class, unique requests (not re-issues) by arrival second. */
  readonly classUniqueBySecond: Float64Array[];
  requests = 0;
  attempts = 0;
  shortCircuited = 0;
  degraded = 0;
  deferred = 0;
  duplicateWrites = 0;
  lostWrites = 0;
  rpoS = 0;
  /**
   * Per region of the system (scenario order), for the SLO classes' requests from clients in that
   * region: finished, succeeded (each success counted as its `value`, as availability counts
   * it), and a latency histogram of the successes. Empty unless `trackClientRegions` was called.
   */
  regionFinished: Float64Array = new Float64Array(0);
  regionOk: Float64Array = new Float64Array(0);
  regionLatency: Float64Array = new Float64Array(0);
  /** Latency histogram of the SLO classes' successful requests that arrived after the warm-up (the whole run's p95). */
  readonly latencyAll = new Float64Array(LATENCY_BINS);
  /** Requests arriving before this time (the warm-up) are left out of the tallies and availability. */
  statsFromT = 0;
  private faultT = NaN;
  /** Per class index: counted by the SLO, availability and success-ratio timeline. */
  private readonly sloClass: boolean[];

  constructor(
    horizonS: number,
    private readonly sloLatencyS: number,
    readonly grid: TimelineGrid,
    /** Client class names, in class-index order. */
    readonly classNames: string[] = ['clients'],
    /** Names of the classes the SLO counts (default all). */
    sloClasses?: string[],
  ) {
    this.sloClass = classNames.map((n) => !sloClasses || sloClasses.includes(n));
    const classCount = classNames.length;
    this.seconds = Math.ceil(horizonS);
    this.classes = Array.from({ length: classCount }, () => ({ unique: 0, finished: 0, ok: 0, okValue: 0, degraded: 0, deferred: 0, attempts: 0, shortCircuited: 0, workflows: 0, workflowsOk: 0 }));
    this.classAttemptsBySecond = Array.from({ length: classCount }, () => new Float64Array(this.seconds));
    this.classUniqueBySecond = Array.from({ length: classCount }, () => new Float64Array(this.seconds));
    this.total = new Float64Array(this.seconds);
    this.ok = new Float64Array(this.seconds);
    this.good = new Float64Array(this.seconds);
    this.goodput = new Float64Array(this.seconds);
    this.attemptsBySecond = new Float64Array(this.seconds);
    this.latency = new Float64Array(grid.buckets * LATENCY_BINS);
  }

  /** Keeps per-client-region counts and latencies for `regions` regions (indices as in ClientRequest.clientRegion). */
  trackClientRegions(regions: number): void {
    this.regionFinished = new Float64Array(regions);
    this.regionOk = new Float64Array(regions);
    this.regionLatency = new Float64Array(regions * LATENCY_BINS);
  }

  /** The fault start of this replication; anchors the timeline. */
  get faultStartT(): number {
    return this.faultT;
  }

  /**
   * Sets the fault start and samples the gauges at the middle of every timeline bucket. Each
   * sample schedules the next, so one event waits in the kernel's queue rather than one per bucket.
   */
  start(faultT: number, gauges: Gauge[], schedule: (t: number, fn: () => void) => void, horizonS: number): void {
    this.faultT = faultT;
    for (const g of gauges) this.gauges.set(g.name, new Float64Array(this.grid.buckets).fill(NaN));
    const columns = gauges.map((g) => this.gauges.get(g.name)!);
    const timeOf = (k: number): number => faultT + this.grid.startS + (k + 0.5) * this.grid.bucketS;
    let k = 0;
    while (k < this.grid.buckets && timeOf(k) < 0) k++;
    const sample = (): void => {
      for (let i = 0; i < gauges.length; i++) columns[i]![k] = gauges[i]!.read();
      k++;
      if (k < this.grid.buckets && timeOf(k) <= horizonS) schedule(timeOf(k), sample);
    };
    if (k < this.grid.buckets && timeOf(k) <= horizonS) schedule(timeOf(k), sample);
  }

  requestDone(req: ClientRequest, endT: number, ok: boolean): void {
    const s = Math.floor(req.arrivalT);
    if (s >= this.seconds) return;
    const latencyS = endT - req.arrivalT;
    const counted = req.arrivalT >= this.statsFromT;
    if (counted) this.tally(req, ok);
    if (!req.reissue) {
      this.classUniqueBySecond[req.classIndex]![s]! += 1;
      if (ok) this.goodput[s]! += 1;
    }
    if (!this.sloClass[req.classIndex]) return;
    // Up to three histograms count this latency: its bin (a logarithm) is computed once.
    const bin = latencyBin(latencyS);
    const r = req.clientRegion;
    if (counted && r >= 0 && r < this.regionFinished.length) {
      this.regionFinished[r]! += 1;
      if (ok) {
        this.regionOk[r]! += req.value;
        this.regionLatency[r * LATENCY_BINS + bin]! += 1;
      }
    }
    if (counted && ok) this.latencyAll[bin]! += 1;
    this.total[s]! += 1;
    if (ok) {
      this.ok[s]! += req.value;
      if (latencyS <= this.sloLatencyS) this.good[s]! += req.value;
    }
    const k = this.bucketOf(req.arrivalT);
    if (k >= 0) this.latency[k * LATENCY_BINS + bin]! += 1;
  }

  /** Counts a finished request (arrived after the warm-up) into its class and the run totals. */
  private tally(req: ClientRequest, ok: boolean): void {
    const c = this.classes[req.classIndex]!;
    c.finished++;
    c.attempts += req.attempts;
    this.attempts += req.attempts;
    c.shortCircuited += req.shortCircuited;
    this.shortCircuited += req.shortCircuited;
    if (!req.reissue) {
      c.unique++;
      this.requests++;
    }
    if (ok) {
      c.ok++;
      c.okValue += req.value;
      if (req.degraded) {
        c.degraded++;
        this.degraded++;
      }
      if (req.deferred) {
        c.deferred++;
        this.deferred++;
      }
    }
    if (req.commits > 1) this.duplicateWrites += req.commits - 1;
  }

  attemptSent(t: number, classIndex = 0): void {
    const s = Math.floor(t);
    if (s >= this.seconds) return;
    this.attemptsBySecond[s]! += 1;
    this.classAttemptsBySecond[classIndex]![s]! += 1;
  }

  workflowDone(classIndex: number, ok: boolean): void {
    const c = this.classes[classIndex]!;
    c.workflows++;
    if (ok) c.workflowsOk++;
  }

  dataLoss(_database: string, lostWrites: number, rpoS: number): void {
    this.lostWrites += lostWrites;
    if (rpoS > this.rpoS) this.rpoS = rpoS;
  }

  note(t: number, kind: string, text: string): void {
    this.events.push({ t_s: t - this.faultT, kind, text });
  }

  phase(t: number, phase: string, fromT: number, toT: number): void {
    this.phases.push({ t, phase, fromT, toT });
  }

  businessPart(t: number, part: string, up: boolean): void {
    this.business.transition(part, t, up);
  }

  duplicateWrite(t: number): void {
    if (t >= this.statsFromT) this.duplicateWrites++;
    this.business.transition('duplicates', t, false);
    this.business.transition('duplicates', t, true);
  }

  /** Timeline bucket of an absolute time, or -1 outside the grid. */
  bucketOf(t: number): number {
    const k = Math.floor((t - this.faultT - this.grid.startS) / this.grid.bucketS);
    return k >= 0 && k < this.grid.buckets ? k : -1;
  }
}
