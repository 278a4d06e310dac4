/**
 * A connection pool of one instance towards one database (HikariCP-like semantics).
 *
 * - A connection is bound to the host it was opened to. After a failover it still points at the
 *   old host until something evicts it: `idle_timeout` or `max_lifetime` (checked when a connection
 *   is taken or returned), `validate_on_borrow` (a validation query bounded by `connect_timeout`),
 *   or a failed query.
 * - A query on a connection to a dead host never answers; `query_timeout` bounds it (none = it hangs
 *   until the instance restarts, holding the connection).
 * - Opening a connection resolves the current primary (service discovery) and takes a round trip;
 *   towards a dead host it fails after `connect_timeout`.
 * - `min_idle` connections (default `max`: HikariCP's fixed-size pool) are opened at start-up and
 *   refilled in the background, so at a crash every one of them points at the old host.
 * - A borrow, whatever it does (validate stale connections one after another, open a new one,
 *   wait for a free one), fails once `connect_timeout` has passed.
 */
import { Deque } from '../engine/deque.js';
import { FixedDelayTimers } from '../engine/fixedDelayTimers.js';
import type { PoolSpec } from '../scenario/schema.js';
import type { Database } from './database.js';
import type { Host } from './topology.js';
import type { ModelContext } from './types.js';

/** A connection to one database host. */
export interface Connection {
  host: Host;
  hostEpoch: number;
  openedT: number;
  lastUsedT: number;
  /** Lent out (or being validated for a borrower). */
  lent: boolean;
}

type Granted<J> = (job: J, conn: Connection | null) => void;

interface Waiter<J> {
  job: J;
  cb: Granted<J>;
  done: boolean;
  /** While a connection is validated for this borrower: the connection and whether its host was alive. */
  validating: Connection | null;
  alive: boolean;
  /** Handle of its borrow timer (-1: none), cancelled once a connection is lent. */
  timer: number;
}

/** One query on a lent connection; the first of its answer and its `query_timeout` settles it. */
class PoolQuery<J> {
  settled = false;
  /** Handle of its query timeout (-1: none). */
  timer = -1;
  constructor(
    readonly conn: Connection,
    readonly job: J,
    readonly done: (job: J, ok: boolean) => void,
    readonly onCommit: ((job: J) => boolean | void) | undefined,
  ) {}
}

/** Delay before the background refill tries again after a failed open. */
const REFILL_RETRY_S = 1;
/** Round trips to open a connection (TCP + TLS + auth), plus server-side work. */
const CONNECT_ROUND_TRIPS = 3;
const CONNECT_SERVER_S = 0.003;

/** One instance's pool towards one database. */
export class ConnectionPool {
  private readonly idle: Connection[] = [];
  private readonly waiters = new Deque<Waiter<any>>();
  /** Connections open or being opened, idle or borrowed. */
  private total = 0;
  /** Open connections (idle or lent), for the stale-connection gauge. */
  private readonly conns = new Set<Connection>();
  private lentCount = 0;
  private closed = false;
  private readonly minIdle: number;
  /** Borrows that did not get a connection at once fail `connect_timeout` later. */
  private readonly borrowTimers: FixedDelayTimers<Waiter<any>> | null;
  /** Queries still unanswered fail `query_timeout` after they were sent. */
  private readonly queryTimers: FixedDelayTimers<PoolQuery<any>> | null;

  constructor(
    private readonly spec: PoolSpec,
    private readonly db: Database,
    private readonly region: string,
    private readonly ctx: ModelContext,
  ) {
    this.minIdle = Math.min(spec.max, spec.min_idle ?? spec.max);
    this.borrowTimers = Number.isFinite(spec.connect_timeout) ? new FixedDelayTimers(ctx.sim, spec.connect_timeout, this.expireBorrow) : null;
    this.queryTimers = Number.isFinite(spec.query_timeout) ? new FixedDelayTimers(ctx.sim, spec.query_timeout, this.queryTimedOut) : null;
    this.refill();
  }

  /** Hands `job` a connection (or null on failure, at most `connect_timeout` later) through `cb`. */
  borrow<J>(job: J, cb: Granted<J>): void {
    const w: Waiter<J> = { job, cb, done: false, validating: null, alive: false, timer: -1 };
    this.serve(w);
    if (!w.done && this.borrowTimers) w.timer = this.borrowTimers.start(w);
  }

  private readonly expireBorrow = (w: Waiter<any>): void => {
    if (w.done) return;
    w.done = true;
    w.cb(w.job, null);
  };

  /** Tries to satisfy a borrower now: an idle connection, a new one, or the wait queue. */
  private serve(w: Waiter<any>): void {
    if (w.done || this.closed) return;
    const now = this.ctx.sim.now;
    while (this.idle.length > 0) {
      const conn = this.idle.pop()!;
      if (this.expired(conn, now)) {
        this.discard(conn);
        continue;
      }
      if (this.spec.validate_on_borrow) return this.validate(conn, w);
      return this.lend(conn, w);
    }
    if (this.total < this.spec.max) return this.open(w);
    this.waiters.pushBack(w);
  }

  /** Returns a connection; `broken` closes it (the query failed or timed out). */
  release(conn: Connection, broken = false): void {
    if (!conn.lent || this.closed) return;
    conn.lent = false;
    this.lentCount--;
    conn.lastUsedT = this.ctx.sim.now;
    if (broken || this.closed || this.expired(conn, conn.lastUsedT)) {
      this.discard(conn);
      return;
    }
    const w = this.nextWaiter();
    if (w) return this.spec.validate_on_borrow ? this.validate(conn, w) : this.lend(conn, w);
    this.idle.push(conn);
  }

  /** Runs a query on a borrowed connection, bounded by `query_timeout`; `done(job, ok)`. */
  query<J>(conn: Connection, isWrite: boolean, job: J, done: (job: J, ok: boolean) => void, onCommit?: (job: J) => boolean | void): void {
    const q = new PoolQuery(conn, job, done, onCommit);
    this.db.query(this.region, conn.host, isWrite, q, this.answered, onCommit ? this.commit : undefined, conn.hostEpoch);
    if (!q.settled && this.queryTimers) q.timer = this.queryTimers.start(q);
  }

  private readonly answered = (q: PoolQuery<any>, ok: boolean): void => this.settleQuery(q, ok);
  private readonly queryTimedOut = (q: PoolQuery<any>): void => this.settleQuery(q, false);
  private readonly commit = (q: PoolQuery<any>): boolean | void => q.onCommit!(q.job);

  /** The first of a query's answer and its timeout: returns the connection (closed unless ok). */
  private settleQuery(q: PoolQuery<any>, ok: boolean): void {
    if (q.settled) return;
    q.settled = true;
    if (q.timer >= 0) this.queryTimers!.cancel(q.timer);
    this.release(q.conn, !ok);
    q.done(q.job, ok);
  }

  /** Drops everything (instance restart or crash); pending callbacks are never called. */
  close(): void {
    this.closed = true;
    this.idle.length = 0;
    this.conns.clear();
    this.lentCount = 0;
    for (const w of this.waiters) w.done = true;
    this.waiters.clear();
  }

  /** Connections (idle or borrowed) that point at a host that is down or no longer primary. */
  staleConnections(): number {
    let n = 0;
    const primary = this.db.endpoint(this.region);
    for (const c of this.conns) if (!c.host.up || c.host !== primary) n++;
    return n;
  }

  /** Maximum size of the pool. */
  get max(): number {
    return this.spec.max;
  }

  /** Borrowed connections right now (pool saturation = inUse / max). */
  get inUse(): number {
    return this.lentCount;
  }

  private expired(conn: Connection, now: number): boolean {
    return now - conn.openedT >= this.spec.max_lifetime || now - conn.lastUsedT >= this.spec.idle_timeout;
  }

  /** Hands a connection to a borrower that is still waiting, else puts it back. */
  private lend(conn: Connection, w: Waiter<any>): void {
    if (w.done) {
      this.idle.push(conn);
      return;
    }
    w.done = true;
    if (w.timer >= 0) this.borrowTimers!.cancel(w.timer);
    conn.lent = true;
    this.lentCount++;
    w.cb(w.job, conn);
  }

  /** Validation query: answers after validation_time on a live primary, never on a dead host. */
  private validate(conn: Connection, w: Waiter<any>): void {
    conn.lent = true;
    this.lentCount++;
    const host = conn.host;
    const alive = host.up && host.epoch === conn.hostEpoch && host === this.db.endpoint(this.region) && this.ctx.topology.reachable(this.region, host.region);
    const s = alive
      ? this.spec.validation_time + this.ctx.topology.rtt(this.region, host.region)
      : this.spec.connect_timeout;
    if (!Number.isFinite(s)) return; // validation on a dead host with no timeout hangs for good
    w.validating = conn;
    w.alive = alive;
    this.ctx.sim.schedule(s, this.validated, w);
  }

  private readonly validated = (w: Waiter<any>): void => {
    if (this.closed) return;
    const conn = w.validating!;
    w.validating = null;
    conn.lent = false;
    this.lentCount--;
    if (w.alive && conn.host.up) return this.lend(conn, w);
    this.discard(conn);
    this.serve(w);
  };

  /** Opens a connection to the current primary, for a borrower or (w null) to refill the idle set. */
  private open(w: Waiter<any> | null): void {
    this.total++;
    const host = this.db.endpoint(this.region);
    const epoch = host.epoch;
    const reachable = host.up && this.ctx.topology.reachable(this.region, host.region);
    const s = reachable
      ? CONNECT_ROUND_TRIPS * this.ctx.topology.rtt(this.region, host.region) + CONNECT_SERVER_S
      : this.spec.connect_timeout;
    if (!Number.isFinite(s)) return; // connecting to a dead host with no timeout hangs for good
    this.ctx.sim.schedule(s, () => {
      if (this.closed) return;
      if (!reachable || !host.up || host.epoch !== epoch || !this.ctx.topology.reachable(this.region, host.region)) {
        this.total--;
        if (w) this.serve(w);
        else this.ctx.sim.schedule(REFILL_RETRY_S, () => this.refill());
        return;
      }
      const now = this.ctx.sim.now;
      const conn: Connection = { host, hostEpoch: epoch, openedT: now, lastUsedT: now, lent: false };
      this.conns.add(conn);
      if (w && !w.done) return this.lend(conn, w);
      const next = this.nextWaiter();
      if (next) return this.spec.validate_on_borrow ? this.validate(conn, next) : this.lend(conn, next);
      this.idle.push(conn);
    });
  }

  /** Keeps at least `min_idle` connections open (idle or lent). */
  private refill(): void {
    if (this.closed) return;
    while (this.total < this.minIdle) this.open(null);
  }

  private discard(conn: Connection): void {
    this.conns.delete(conn);
    this.total--;
    const w = this.nextWaiter();
    if (w) this.open(w);
    else this.refill();
  }

  private nextWaiter(): Waiter<any> | undefined {
    while (this.waiters.length > 0) {
      const w = this.waiters.popFront()!;
      if (!w.done) return w;
    }
    return undefined;
  }
}
