/**
 * A replicated database: one primary and replicas, each sync (a write commits only once the
 * replica has it; costs a round trip per write) or async (the replica receives each write after a
 * sampled lag). When the primary dies, a replica can be promoted (automatically after a detection
 * time, or by an operator step); writes the primary acknowledged but the promoted replica never
 * received are lost, and that loss is the RPO. With backups, an operator can instead restore a new
 * primary from the latest backup (see backups.ts): every write committed since that backup is
 * lost, and the RPO is the time from that backup to the crash. A promotion goes through the control
 * plane of the promoted replica's region: while it is down, the promotion waits.
 *
 * A network partition (Topology.reachable) stops replication across its cut: a replica on the far
 * side misses every write from then on, so its lag grows with the partition. Queries across the cut
 * never answer. An automated failover manager beside the replicas sees a primary it cannot reach as
 * dead: after `detection` it promotes the best replica on the far side while the old primary keeps
 * taking writes from its own side (service discovery there still names it): a split brain, two
 * writable primaries, until the partition heals. Then the old primary is demoted and the writes it
 * took during the split are discarded (counted as lost writes). With `promotion.fencing` the old
 * primary's lease expires as the failover manager declares it dead: it stops taking writes before
 * the promotion, and there is never a split brain. Manual promotion only acts on a dead primary.
 */
import { sampler, type Sampler } from '../engine/distributions.js';
import { formatDuration } from '../engine/duration.js';
import type { Rng } from '../engine/random.js';
import { ReplicationLog } from './replicationLog.js';
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
  inFlight: ReplicationLog;
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
  /** Fencing: the primary's lease expired (cut off from the failover manager); it refuses writes. */
  private primaryFenced = false;
  private fencedT = NaN;
  /** The old primary still taking writes on its side of a partition (a split brain), else null. */
  private splitPrimary: DbNode | null = null;
  private splitSinceT = NaN;
  /** Writes the old primary took during the split brain, and the first lost write's commit time. */
  private splitWrites = 0;
  private lastSplitWriteT = NaN;
  private splitFirstLostT = NaN;
  /** Seconds with two writable primaries (closed split brains). */
  private splitBrainClosedS = 0;
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
      else if (up && this.primary.host.up && topology.reachable(this.primary.host.region, host.region)) this.catchUp(host);
    });
    topology.onPartition(() => this.onPartitionChange());
  }

  /**
   * The host that service discovery currently names as primary, as seen from `fromRegion`: during
   * a split brain, callers on the old primary's side (cut off from the new one) still get the old.
   */
  endpoint(fromRegion?: string): Host {
    const old = this.splitPrimary;
    const { topology } = this.ctx;
    if (old && fromRegion !== undefined && !topology.reachable(fromRegion, this.primary.host.region) && topology.reachable(fromRegion, old.host.region)) return old.host;
    return this.primary.host;
  }

  /** Seconds with two writable primaries (split brain) up to `endT`, simulation seconds. */
  splitBrainS(endT: number): number {
    return this.splitBrainClosedS + (this.splitPrimary ? endT - this.splitSinceT : 0);
  }

  /**
   * Runs one query from `fromRegion` on a connection to `host`. On a host that is down (or goes
   * down before answering) nothing ever comes back: the caller's own timeouts decide. A write
   * calls `onCommit(job)` as it commits; returning false refuses the commit (a unique
   * idempotency key already recorded) and the query answers ok without writing.
   */
  query<J>(fromRegion: string, host: Host, isWrite: boolean, job: J, done: QueryDone<J>, onCommit?: (job: J) => boolean | void, connEpoch?: number): void {
    const { topology } = this.ctx;
    if (!host.up || !topology.reachable(fromRegion, host.region)) return;
    if (connEpoch !== undefined && connEpoch !== host.epoch) {
      // The host restarted since this connection was opened: the server reset it.
      this.ctx.sim.schedule(this.ctx.topology.rtt(fromRegion, host.region), () => done(job, false));
      return;
    }
    const node = this.nodeOf(host);
    if (isWrite && !this.writable(node)) {
      this.ctx.sim.schedule(this.ctx.topology.rtt(fromRegion, host.region), () => done(job, false));
      return;
    }
    let latency = this.ctx.topology.rtt(fromRegion, host.region) + this.queryTime(this.rng);
    if (isWrite && node === this.primary) latency += this.syncReplicationS();
    const epoch = host.epoch;
    this.ctx.sim.schedule(latency, () => {
      if (!host.up || host.epoch !== epoch || !topology.reachable(fromRegion, host.region)) return;
      if (isWrite) {
        if (!this.writable(node)) return done(job, false);
        // The writer may refuse at commit (its idempotency key is already recorded): nothing is written.
        if (onCommit?.(job) === false) return done(job, true);
        this.committedWrites++;
        if (this.ctx.sim.now < this.steadyUntilT) this.steadyWrites++;
        if (node === this.primary) this.replicate();
        else this.splitWrite();
      }
      done(job, true);
    });
  }

  /**
   * The replica a promotion would pick now: alive, of the preferred mode first (null: none alive).
   * With `acrossCut`, only replicas a partition cuts off from the (live) primary.
   */
  private candidate(acrossCut = false): DbNode | null {
    const { topology } = this.ctx;
    const from = this.primary.host.region;
    const alive = this.nodes.filter((n) => n !== this.primary && n.host.up && (!acrossCut || !topology.reachable(from, n.host.region)));
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
    const next = this.candidate(this.primary.host.up);
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
    this.primaryFenced = false;
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
    const node: DbNode = { host, mode, appliedUntilT: 0, inFlight: new ReplicationLog(), lag: sampler(lag) };
    this.nodes.push(node);
    return node;
  }

  private nodeOf(host: Host): DbNode {
    for (const n of this.nodes) if (n.host === host) return n;
    throw new Error(`host ${host.name} is not a node of database ${this.name}`);
  }

  private syncReplicationS(): number {
    let worst = 0;
    const { topology } = this.ctx;
    for (const n of this.nodes) {
      // A sync replica cut off by a partition is dropped from the commit (it misses the write).
      if (n.mode === 'sync' && n.host.up && topology.reachable(this.primary.host.region, n.host.region)) worst = Math.max(worst, this.ctx.topology.rtt(this.primary.host.region, n.host.region));
    }
    return worst;
  }

  /**
   * Ships one committed write to the replicas. An async replica receives it after its lag (in
   * commit order); a live sync replica already has it. A replica that is down misses it until it
   * comes back and catches up from a live primary (arrival +Infinity until then); so does one a
   * partition cuts off from the primary, until the partition heals.
   */
  private replicate(): void {
    const now = this.ctx.sim.now;
    const { topology } = this.ctx;
    for (const n of this.nodes) {
      if (n === this.primary) continue;
      const q = n.inFlight;
      q.dropArrivedBy(now);
      if (!n.host.up || !topology.reachable(this.primary.host.region, n.host.region)) {
        q.push(now, Infinity);
        continue;
      }
      if (n.mode !== 'async') continue;
      const arrivalT = Math.max(n.appliedUntilT, now + (this.lagOverride ?? n.lag)(this.rng));
      n.appliedUntilT = arrivalT;
      q.push(now, arrivalT);
    }
  }

  /** A replica that came back copies what it missed from the live primary. */
  private catchUp(host: Host): void {
    const node = this.nodes.find((n) => n.host === host && n !== this.primary);
    if (!node) return;
    const now = this.ctx.sim.now;
    node.inFlight.arriveMissing(now);
    node.appliedUntilT = Math.max(node.appliedUntilT, now);
  }

  /** Writes committed before the primary died that `node` had not received by then. */
  private lossIfPromoted(node: DbNode): { lost: number; rpoS: number } {
    const lostT = this.primaryLostT;
    const { lost, firstLostT } = node.inFlight.lostBy(lostT);
    return { lost, rpoS: lost > 0 ? lostT - firstLostT : 0 };
  }

  private onPrimaryLost(): void {
    const t = this.ctx.sim.now;
    this.primaryLostT = t;
    // Writes the replicas missed before this instant are told apart from later ones (lostBy).
    for (const n of this.nodes) n.inFlight.seal();
    this.commitsAtLoss = this.committedWrites;
    this.ctx.recorder.note(t, 'database_down', `${this.name}: primary in ${this.primary.host.region} lost`);
    if (this.spec.promotion.mode !== 'automated' || this.promoting) return;
    this.promoting = true;
    this.ctx.sim.schedule(this.detect(this.rng), () => this.declared(t));
  }

  /** Automated failover: detection (started at `sinceT`) is over; promotes if the primary is still gone. */
  private declared(sinceT: number): void {
    const acrossCut = this.primary.host.up;
    if (acrossCut && !this.candidate(true)) {
      this.promoting = false; // the partition healed first
      return;
    }
    const declaredT = this.ctx.sim.now;
    this.ctx.recorder.note(declaredT, 'detection', `${this.name}: failover manager declares the primary dead${acrossCut ? ' (unreachable across the partition)' : ''}`);
    this.ctx.recorder.phase(declaredT, 'detection', sinceT, declaredT);
    if (acrossCut && this.spec.promotion.fencing) {
      this.primaryFenced = true;
      this.fencedT = declaredT;
      this.ctx.recorder.note(declaredT, 'fencing', `${this.name}: the primary in ${this.primary.host.region} lost its lease and stops taking writes`);
    }
    this.whenPromotable(() => {
      const startT = this.ctx.sim.now;
      this.ctx.sim.schedule(this.promote(this.rng), () => {
        const promoted = this.primary.host.up ? this.promoteAcrossCut() : this.promoteNow();
        if (promoted) this.ctx.recorder.phase(this.ctx.sim.now, 'promotion', startT, this.ctx.sim.now);
        else this.promoting = false;
      });
    });
  }

  /** Whether `node` takes writes: the primary unless fenced, and the old primary of a split brain. */
  private writable(node: DbNode): boolean {
    return (node === this.primary && !this.primaryFenced) || node === this.splitPrimary;
  }

  /**
   * Promotes the best replica a partition cuts off from the live primary (false if none: healed).
   * The writes it had not received are lost; without fencing the old primary keeps taking writes
   * on its side: a split brain until the partition heals.
   */
  private promoteAcrossCut(): boolean {
    const next = this.candidate(true);
    if (!next) {
      this.primaryFenced = false;
      return false;
    }
    const t = this.ctx.sim.now;
    const { lost, firstLostT: firstLost } = next.inFlight.lostBy(t);
    // The RPO runs to the moment the old primary stopped taking writes: its fencing, else now.
    const stoppedT = this.primaryFenced ? this.fencedT : t;
    this.ctx.recorder.dataLoss(this.name, lost, lost > 0 ? stoppedT - firstLost : 0, t);
    const old = this.primary;
    next.mode = 'primary';
    next.inFlight.clear();
    this.primary = next;
    this.promoting = false;
    const fenced = this.primaryFenced;
    this.primaryFenced = false;
    this.ctx.recorder.note(t, 'promotion', `${this.name}: replica in ${next.host.region} promoted to primary across the partition (${lost} write${lost === 1 ? '' : 's'} lost)`);
    if (fenced) return true;
    this.splitPrimary = old;
    this.splitSinceT = t;
    this.splitWrites = 0;
    this.splitFirstLostT = firstLost;
    this.ctx.recorder.note(t, 'split_brain', `${this.name}: split brain: the old primary in ${old.host.region} still takes writes on its side`);
    return true;
  }

  /** A write the old primary took during a split brain: it reaches no replica and is lost at the heal. */
  private splitWrite(): void {
    const now = this.ctx.sim.now;
    this.splitFirstLostT = Math.min(this.splitFirstLostT, now);
    this.splitWrites++;
    this.lastSplitWriteT = now;
  }

  /**
   * Ends a split brain at `t`: the old primary's writes during it are discarded (lost writes; the RPO
   * spans from the first write the new primary lacks to the last discarded one). `demote`: the
   * partition healed and the old primary becomes a replica; otherwise the horizon ends it.
   */
  endSplitBrain(t: number, demote = true): void {
    const old = this.splitPrimary;
    if (!old) return;
    this.splitBrainClosedS += t - this.splitSinceT;
    if (this.splitWrites > 0) this.ctx.recorder.dataLoss(this.name, this.splitWrites, this.lastSplitWriteT - this.splitFirstLostT, t);
    const n = this.splitWrites;
    this.splitWrites = 0;
    this.splitPrimary = null;
    if (demote) this.ctx.recorder.note(t, 'split_brain_end', `${this.name}: the partition healed; the old primary in ${old.host.region} is demoted and the ${n} write${n === 1 ? '' : 's'} it took during the split brain are discarded`);
  }

  /** A partition began or healed: replication across the cut stops or resumes; failover may start. */
  private onPartitionChange(): void {
    const { topology, sim } = this.ctx;
    const now = sim.now;
    const from = this.primary.host.region;
    for (const n of this.nodes) {
      if (n === this.primary) continue;
      if (!topology.reachable(from, n.host.region)) {
        n.inFlight.missFrom(now);
      } else if (n.host.up && this.primary.host.up) {
        this.catchUp(n.host);
      }
    }
    if (this.splitPrimary && topology.reachable(this.splitPrimary.host.region, from)) this.endSplitBrain(now);
    if (this.primaryFenced && !this.promoting) this.primaryFenced = false;
    if (this.spec.promotion.mode !== 'automated' || this.promoting || !this.primary.host.up || !this.candidate(true)) return;
    this.promoting = true;
    this.ctx.recorder.note(now, 'database_down', `${this.name}: primary in ${from} unreachable from its replicas across the partition`);
    this.ctx.sim.schedule(this.detect(this.rng), () => this.declared(now));
  }
}
