/**
 * A replicated database: one primary and replicas, each sync (a write commits only once the
 * replica has it; costs a round trip per write) or async (the replica receives each write after a
 * sampled lag). When the primary dies, a replica can be promoted (automatically after a detection
 * time, or by an operator step); writes the primary acknowledged but the promoted replica never
 * received are lost, and that loss is the RPO. With backups, an operator can instead restore a new
 * primary from the latest backup (see backups.ts): every write committed since that backup is
 * lost, and the RPO is the time from that backup to the crash. A promotion goes through the control
 * plane of the promoted replica's region: while it is down, the promotion waits.
 */
import { sampler, type Sampler } from '../engine/distributions.js';
import { formatDuration } from '../engine/duration.js';
import type { Rng } from '../engine/random.js';
import { Deque } from '../engine/deque.js';
import { Backups } from './backups.js';
import type { DatabaseSpec } from '../scenario/schema.js';
import type { Host } from './topology.js';
import type { ModelContext } from './types.js';

/** A database node: the primary or a replica. */
export interface DbNode {
  host: Host;
  mode: 'primary' | 'sync' | 'async';
  /** Async: time at which the last write shipped so far will have been applied here. */
  appliedUntilT: number;
  /** Async: commit and arrival times of writes not yet applied here (oldest first). */
  inFlight: Deque<{ commitT: number; arrivalT: number }>;
  lag: Sampler;
}

/** The callback of a query: ok false is an error (read-only node, for instance). */
export type QueryDone<J> = (job: J, ok: boolean) => void;

/** One logical database and its nodes. */
export class Database {
  readonly nodes: DbNode[] = [];
  primary: DbNode;
  /** Time the current primary was lost (NaN while it is alive). */
  private primaryLostT = NaN;
  private promoting = false;
  /** `commits` when the current primary was lost. */
  private commitsAtLoss = 0;
  private restores = 0;
  /** A replication lag spike's lag, replacing each async replica's own while it lasts. */
  private lagOverride: Sampler | null = null;
  /** Periodic backups, when the database has them. */
  readonly backups: Backups | null;
  private readonly queryTime: Sampler;
  private readonly rng: Rng;
  private readonly detect: Sampler;
  private readonly promote: Sampler;
  /** Writes committed by a primary so far, and those committed before `steadyUntilT` (the fault). */
  committedWrites = 0;
  steadyWrites = 0;
  /** End of the steady state whose write rate prices replication transfer (the fault start). */
  steadyUntilT = Infinity;

  constructor(
    readonly name: string,
    private readonly spec: DatabaseSpec,
    private readonly ctx: ModelContext,
  ) {
    const { topology, streams } = ctx;
    this.rng = streams.stream(`db:${name}`);
    this.queryTime = sampler(spec.query_time);
    this.detect = sampler(spec.promotion.detection);
    this.promote = sampler(spec.promotion.promotion);
    const primaryHost = topology.addHost(`${name}/primary`, spec.primary, spec.primary_zone);
    this.primary = this.addNode(primaryHost, 'primary', 0);
    const zones = topology.zones;
    spec.replicas.forEach((r, i) => {
      const zone = r.zone ?? ((spec.primary_zone + i) % (zones[r.region] ?? 1)) + 1;
      this.addNode(topology.addHost(`${name}/replica-${i + 1}`, r.region, zone), r.mode, r.lag);
    });
    const b = spec.backups;
    this.backups = b
      ? new Backups(
          { intervalS: b.interval, ...(b.restore_time !== undefined ? { restoreS: b.restore_time } : {}), ...(b.restore_time_per_gb !== undefined ? { restorePerGbS: b.restore_time_per_gb } : {}), sizeGb: spec.storage / 1e9 },
          streams.stream(`backups:${name}`),
          ctx,
          () => this.committedWrites,
          () => this.primary.host.up,
        )
      : null;
    topology.onChange((host, up) => {
      if (host === this.primary.host && !up) this.onPrimaryLost();
      else if (up && this.primary.host.up) this.catchUp(host);
    });
  }

  /** The host that service discovery currently names as primary. */
  endpoint(): Host {
    return this.primary.host;
  }

  /**
   * Runs one query from `fromRegion` on a connection to `host`. On a host that is down (or goes
   * down before answering) nothing ever comes back: the caller's own timeouts decide. A write
   * calls `onCommit(job)` as it commits; returning false refuses the commit (a unique
   * idempotency key already recorded) and the query answers ok without writing.
   */
  query<J>(fromRegion: string, host: Host, isWrite: boolean, job: J, done: QueryDone<J>, onCommit?: (job: J) => boolean | void, connEpoch?: number): void {
    if (!host.up) return;
    if (connEpoch !== undefined && connEpoch !== host.epoch) {
      // The host restarted since this connection was opened: the server reset it.
      this.ctx.sim.schedule(this.ctx.topology.rtt(fromRegion, host.region), () => done(job, false));
      return;
    }
    const node = this.nodeOf(host);
    if (isWrite && node !== this.primary) {
      this.ctx.sim.schedule(this.ctx.topology.rtt(fromRegion, host.region), () => done(job, false));
      return;
    }
    let latency = this.ctx.topology.rtt(fromRegion, host.region) + this.queryTime(this.rng);
    if (isWrite) latency += this.syncReplicationS();
    const epoch = host.epoch;
    this.ctx.sim.schedule(latency, () => {
      if (!host.up || host.epoch !== epoch) return;
      if (isWrite) {
        if (node !== this.primary) return done(job, false);
        // The writer may refuse at commit (its idempotency key is already recorded): nothing is written.
        if (onCommit?.(job) === false) return done(job, true);
        this.committedWrites++;
        if (this.ctx.sim.now < this.steadyUntilT) this.steadyWrites++;
        this.replicate();
      }
      done(job, true);
    });
  }

  /** The replica a promotion would pick now: alive, of the preferred mode first (null: none alive). */
  private candidate(): DbNode | null {
    const alive = this.nodes.filter((n) => n !== this.primary && n.host.up);
    if (alive.length === 0) return null;
    const prefer = this.spec.promotion.prefer;
    alive.sort((a, b) => Number(b.mode === prefer) - Number(a.mode === prefer));
    return alive[0]!;
  }

  /**
   * Runs `action` once the control plane of the region of the replica a promotion would pick
   * lets it act (at once when it is available, or when no replica is alive: the promotion fails).
   */
  whenPromotable(action: () => void): void {
    const next = this.candidate();
    if (!next || this.ctx.controlPlane.available(next.host.region, this.ctx.sim.now)) return action();
    this.ctx.recorder.note(this.ctx.sim.now, 'control_plane', `${this.name}: promotion in ${next.host.region} waits for its control plane`);
    this.ctx.controlPlane.whenAvailable(next.host.region, action);
  }

  /** Promotes the best surviving replica now; returns false if none is alive. */
  promoteNow(): boolean {
    const next = this.candidate();
    if (!next) return false;
    const { lost, rpoS } = this.lossIfPromoted(next);
    const t = this.ctx.sim.now;
    this.ctx.recorder.dataLoss(this.name, lost, rpoS, t);
    next.mode = 'primary';
    next.inFlight.clear();
    this.primary = next;
    this.primaryLostT = NaN;
    this.promoting = false;
    this.ctx.recorder.note(t, 'promotion', `${this.name}: replica in ${next.host.region} promoted to primary (${lost} write${lost === 1 ? '' : 's'} lost)`);
    return true;
  }

  /**
   * Restores a new primary in `region` from the latest backup (the database must have backups):
   * the writes committed since that backup are lost, and the RPO is the time from the backup to
   * the crash. Returns false if the primary is alive (nothing to restore).
   */
  restoreFromBackup(region: string, zone = 1): boolean {
    if (!this.backups || this.primary.host.up) return false;
    const backup = this.backups.latest;
    const lostT = this.primaryLostT;
    const lost = this.commitsAtLoss - backup.commits;
    const t = this.ctx.sim.now;
    this.ctx.recorder.dataLoss(this.name, lost, lostT - backup.t, t);
    const host = this.ctx.topology.addHost(`${this.name}/restored-${++this.restores}`, region, zone);
    const node = this.addNode(host, 'primary', 0);
    this.primary = node;
    this.primaryLostT = NaN;
    this.promoting = false;
    const before = backup.t < 0 ? `; the backup predates the simulation, so only the ${lost} writes simulated since its start are counted` : '';
    this.ctx.recorder.note(t, 'restore', `${this.name}: new primary in ${region} restored from the backup taken ${formatDuration(lostT - backup.t)} before the crash (${lost} write${lost === 1 ? '' : 's'} lost${before})`);
    return true;
  }

  /** Fault control: a replication lag spike (every async replica lags by `lag` per write; null ends it). */
  setLag(lag: DatabaseSpec['replicas'][number]['lag'] | null): void {
    this.lagOverride = lag === null ? null : sampler(lag);
  }

  /** Whether the primary is down and no promotion has replaced it yet. */
  get primaryDown(): boolean {
    return !this.primary.host.up;
  }

  /** Promotion time of one manual or automated promotion, sampled. */
  samplePromotionS(): number {
    return this.promote(this.rng);
  }

  private addNode(host: Host, mode: DbNode['mode'], lag: DatabaseSpec['replicas'][number]['lag']): DbNode {
    const node: DbNode = { host, mode, appliedUntilT: 0, inFlight: new Deque(), lag: sampler(lag) };
    this.nodes.push(node);
    return node;
  }

  private nodeOf(host: Host): DbNode {
    for (const n of this.nodes) if (n.host === host) return n;
    throw new Error(`host ${host.name} is not a node of database ${this.name}`);
  }

  private syncReplicationS(): number {
    let worst = 0;
    for (const n of this.nodes) {
      if (n.mode === 'sync' && n.host.up) worst = Math.max(worst, this.ctx.topology.rtt(this.primary.host.region, n.host.region));
    }
    return worst;
  }

  /**
   * Ships one committed write to the replicas. An async replica receives it after its lag (in
   * commit order); a live sync replica already has it. A replica that is down misses it until it
   * comes back and catches up from a live primary (arrival +Infinity until then).
   */
  private replicate(): void {
    const now = this.ctx.sim.now;
    for (const n of this.nodes) {
      if (n === this.primary) continue;
      const q = n.inFlight;
      while (q.length > 0 && q.peekFront()!.arrivalT <= now) q.popFront();
      if (!n.host.up) {
        q.pushBack({ commitT: now, arrivalT: Infinity });
        continue;
      }
      if (n.mode !== 'async') continue;
      const arrivalT = Math.max(n.appliedUntilT, now + (this.lagOverride ?? n.lag)(this.rng));
      n.appliedUntilT = arrivalT;
      q.pushBack({ commitT: now, arrivalT });
    }
  }

  /** A replica that came back copies what it missed from the live primary. */
  private catchUp(host: Host): void {
    const node = this.nodes.find((n) => n.host === host && n !== this.primary);
    if (!node) return;
    const now = this.ctx.sim.now;
    for (const w of node.inFlight) if (w.arrivalT === Infinity) w.arrivalT = now;
    node.appliedUntilT = Math.max(node.appliedUntilT, now);
  }

  /** Writes committed before the primary died that `node` had not received by then. */
  private lossIfPromoted(node: DbNode): { lost: number; rpoS: number } {
    const lostT = this.primaryLostT;
    let lost = 0;
    let firstLost = Infinity;
    for (const w of node.inFlight) {
      if (w.arrivalT > lostT && w.commitT <= lostT) {
        lost++;
        if (w.commitT < firstLost) firstLost = w.commitT;
      }
    }
    return { lost, rpoS: lost > 0 ? lostT - firstLost : 0 };
  }

  private onPrimaryLost(): void {
    const t = this.ctx.sim.now;
    this.primaryLostT = t;
    this.commitsAtLoss = this.committedWrites;
    this.ctx.recorder.note(t, 'database_down', `${this.name}: primary in ${this.primary.host.region} lost`);
    if (this.spec.promotion.mode !== 'automated' || this.promoting) return;
    this.promoting = true;
    const detectS = this.detect(this.rng);
    this.ctx.sim.schedule(detectS, () => {
      if (this.primary.host.up) {
        this.promoting = false;
        return;
      }
      const declaredT = this.ctx.sim.now;
      this.ctx.recorder.note(declaredT, 'detection', `${this.name}: failover manager declares the primary dead`);
      this.ctx.recorder.phase(declaredT, 'detection', t, declaredT);
      this.whenPromotable(() => {
        const startT = this.ctx.sim.now;
        this.ctx.sim.schedule(this.promote(this.rng), () => {
          if (this.primary.host.up) return;
          if (this.promoteNow()) this.ctx.recorder.phase(this.ctx.sim.now, 'promotion', startT, this.ctx.sim.now);
          else this.promoting = false;
        });
      });
    });
  }
}
