/**
 * The HikariCP-like connection pool: a connection stays bound to the host it was opened to, so
 * after a failover it points at the dead primary until idle_timeout, max_lifetime, validation on
 * borrow or a failed query evicts it; a query on it hangs unless query_timeout bounds it; a borrow
 * gives up after connect_timeout.
 *
 * Timings used below: opening a connection costs 3 round trips + 3 ms (4.5 ms in-region, 243 ms
 * from east to the promoted primary in west); validation costs validation_time (1 ms) + one round trip.
 */
import { describe, expect, it } from 'vitest';
import { ConnectionPool, type Connection } from '../../src/models/connectionPool.js';
import { Database } from '../../src/models/database.js';
import { EAST_WEST_RTT_S, IN_REGION_RTT_S, at, harness, type Harness } from '../support/modelHarness.js';
import { databaseSpec, poolSpec } from '../support/specs.js';

const OPEN_IN_REGION_S = 3 * IN_REGION_RTT_S + 0.003;
const OPEN_CROSS_REGION_S = 3 * EAST_WEST_RTT_S + 0.003;
const VALIDATE_CROSS_REGION_S = 0.001 + EAST_WEST_RTT_S;

interface Grant { label: string; t: number; conn: Connection | null }

class World {
  readonly h: Harness = harness();
  readonly db = new Database('orders', databaseSpec({ primary: 'east', query_time: '2ms', replicas: [{ region: 'west', mode: 'async' }] }), this.h);
  readonly oldPrimary = this.db.endpoint();
  readonly replica = this.db.nodes[1]!.host;
  readonly pool: ConnectionPool;
  readonly grants: Grant[] = [];

  constructor(pool: Record<string, unknown>) {
    this.pool = new ConnectionPool(poolSpec(pool), this.db, 'east', this.h);
  }

  /** Borrows at time t; the grant (or null) is logged with its time. */
  borrowAt(t: number, label: string): void {
    at(this.h, t, () => this.pool.borrow(label, (l: string, conn) => this.grants.push({ label: l, t: this.h.sim.now, conn })));
  }

  grant(label: string): Grant | undefined {
    return this.grants.find((g) => g.label === label);
  }

  /** The primary crashes at `crashT` and the west replica is promoted at `promoteT`. */
  failover(crashT: number, promoteT: number): void {
    at(this.h, crashT, () => this.h.topology.setHostCrashed(this.oldPrimary, true));
    at(this.h, promoteT, () => this.db.promoteNow());
  }

  run(untilS: number): this {
    this.h.sim.run(untilS);
    return this;
  }
}

describe('ConnectionPool filling', () => {
  it('opens max connections at start-up by default (a fixed-size pool), so max borrows are granted at once', () => {
    const w = new World({ max: 3 });
    for (const l of ['a', 'b', 'c', 'd']) w.borrowAt(1, l);
    w.run(2);
    expect(w.grants.map((g) => [g.label, g.t])).toEqual([['a', 1], ['b', 1], ['c', 1]]);
    expect(w.pool.inUse).toBe(3);
  });

  it('with min_idle below max, opens the extra connections on demand', () => {
    const w = new World({ max: 3, min_idle: 1 });
    for (const l of ['a', 'b']) w.borrowAt(1, l);
    w.run(2);
    expect(w.grant('a')!.t).toBe(1);
    expect(w.grant('b')!.t).toBeCloseTo(1 + OPEN_IN_REGION_S, 9);
  });

  it('keeps every idle connection pointing at the old primary after a crash and a promotion', () => {
    const w = new World({ max: 5 });
    w.failover(10, 20);
    w.run(1000);
    expect(w.db.endpoint()).toBe(w.replica);
    expect(w.pool.staleConnections()).toBe(5);
  });
});

describe('ConnectionPool queries on a stale connection', () => {
  it('hands out a connection to the crashed host, and a query on it never answers without query_timeout', () => {
    const w = new World({ max: 2 });
    w.failover(10, 20);
    w.borrowAt(30, 'a');
    let answered = false;
    at(w.h, 31, () => w.pool.query(w.grant('a')!.conn!, false, null, () => (answered = true)));
    w.run(100_000);
    expect(w.grant('a')!.conn!.host).toBe(w.oldPrimary);
    expect(answered).toBe(false);
    expect(w.pool.inUse).toBe(1);
  });

  it('makes the next borrower wait connect_timeout and fail when every connection hangs (Case A: 30 minutes)', () => {
    const w = new World({ max: 2, connect_timeout: '30m' });
    w.failover(10, 20);
    for (const l of ['a', 'b']) {
      w.borrowAt(30, l);
      at(w.h, 31, () => w.pool.query(w.grant(l)!.conn!, false, null, () => {}));
    }
    w.borrowAt(40, 'c');
    w.run(10_000);
    expect(w.grant('c')).toEqual({ label: 'c', t: 40 + 1800, conn: null });
  });

  it('with query_timeout fails the hung query and replaces the connection by one to the promoted primary', () => {
    const w = new World({ max: 2, query_timeout: '5s' });
    w.failover(10, 20);
    w.borrowAt(30, 'a');
    const answers: Array<[number, boolean]> = [];
    at(w.h, 30, () => w.pool.query(w.grant('a')!.conn!, false, null, (_j, ok) => answers.push([w.h.sim.now, ok])));
    at(w.h, 34.9, () => expect(w.pool.staleConnections()).toBe(2));
    w.borrowAt(40, 'b');
    w.run(100);
    expect(answers).toEqual([[35, false]]);
    expect(w.pool.staleConnections()).toBe(1);
    expect(w.grant('b')!.conn!.host).toBe(w.replica);
  });
});

describe('ConnectionPool eviction', () => {
  it('closes connections idle longer than idle_timeout when they are next taken, and opens one to the promoted primary', () => {
    const w = new World({ max: 3, idle_timeout: '300s' });
    w.failover(10, 20);
    w.borrowAt(200, 'early'); // idle 200 s < 300 s: still handed out, still stale
    at(w.h, 201, () => w.pool.release(w.grant('early')!.conn!));
    w.borrowAt(600, 'late'); // every connection idle ≥ 300 s by now
    w.run(1000);
    expect(w.grant('early')!.conn!.host).toBe(w.oldPrimary);
    expect(w.grant('late')!.conn!.host).toBe(w.replica);
    expect(w.grant('late')!.t).toBeCloseTo(600 + OPEN_CROSS_REGION_S, 9);
  });

  it('closes a connection older than max_lifetime even while it is in steady use', () => {
    const w = new World({ max: 1, max_lifetime: '1800s' });
    w.failover(10, 20);
    for (let k = 1; k <= 17; k++) {
      w.borrowAt(k * 100, `use-${k}`);
      at(w.h, k * 100 + 1, () => w.pool.release(w.grant(`use-${k}`)!.conn!));
    }
    w.borrowAt(1850, 'after');
    w.run(2000);
    for (let k = 1; k <= 17; k++) expect(w.grant(`use-${k}`)!.conn!.host).toBe(w.oldPrimary);
    expect(w.grant('after')!.conn!.host).toBe(w.replica);
  });

  it('closes a connection past max_lifetime when it is returned, not when it is lent', () => {
    const w = new World({ max: 2, max_lifetime: '1800s' });
    w.failover(10, 20);
    w.borrowAt(1790, 'a');
    at(w.h, 1805, () => expect(w.pool.staleConnections()).toBe(2));
    at(w.h, 1810, () => w.pool.release(w.grant('a')!.conn!));
    w.run(1810);
    // The returned connection is closed; its replacement (to the new primary) is being opened.
    expect(w.pool.staleConnections()).toBe(1);
  });

  it('with validate_on_borrow discards a dead connection (the borrow itself fails at connect_timeout) and then hands out one to the promoted primary', () => {
    const w = new World({ max: 3, validate_on_borrow: true, connect_timeout: '5s' });
    w.failover(10, 20);
    w.borrowAt(30, 'first');
    w.borrowAt(40, 'second');
    w.run(100);
    // Validation on a dead host takes the whole connect_timeout, which is also the borrow's bound.
    expect(w.grant('first')).toEqual({ label: 'first', t: 35, conn: null });
    expect(w.grant('second')!.conn!.host).toBe(w.replica);
    expect(w.grant('second')!.t).toBeCloseTo(40 + VALIDATE_CROSS_REGION_S, 9);
    expect(w.pool.staleConnections()).toBeLessThan(3);
  });

  it('with validate_on_borrow hands out a live connection after validation_time plus one round trip', () => {
    const w = new World({ max: 2, validate_on_borrow: true });
    w.borrowAt(1, 'a');
    w.run(2);
    expect(w.grant('a')!.t).toBeCloseTo(1 + 0.001 + IN_REGION_RTT_S, 9);
    expect(w.grant('a')!.conn!.host).toBe(w.oldPrimary);
  });
});

describe('ConnectionPool borrowing', () => {
  it('fails a borrow after connect_timeout when the pool is exhausted', () => {
    const w = new World({ max: 2, connect_timeout: '5s' });
    for (const l of ['a', 'b', 'c']) w.borrowAt(1, l);
    w.run(100);
    expect(w.grant('c')).toEqual({ label: 'c', t: 6, conn: null });
  });

  it('hands a released connection straight to the oldest waiting borrower', () => {
    const w = new World({ max: 2, connect_timeout: '5s' });
    for (const l of ['a', 'b', 'c', 'd']) w.borrowAt(1, l);
    at(w.h, 3, () => w.pool.release(w.grant('b')!.conn!));
    w.run(3);
    expect(w.grant('c')).toEqual({ label: 'c', t: 3, conn: w.grant('b')!.conn });
    expect(w.grant('d')).toBeUndefined();
  });

  it('does not give a connection to a borrower that already timed out; it goes back idle', () => {
    const w = new World({ max: 1, connect_timeout: '5s' });
    w.borrowAt(1, 'a');
    w.borrowAt(1, 'b');
    at(w.h, 7, () => w.pool.release(w.grant('a')!.conn!));
    w.borrowAt(8, 'c');
    w.run(20);
    expect(w.grants.filter((g) => g.label === 'b')).toEqual([{ label: 'b', t: 6, conn: null }]);
    expect(w.grant('c')).toEqual({ label: 'c', t: 8, conn: w.grant('a')!.conn });
  });

  it('fails to open a connection to a dead primary after connect_timeout, and hangs with connect_timeout none', () => {
    for (const [timeout, expected] of [['5s', [{ label: 'a', t: 7, conn: null }]], ['none', []]] as const) {
      const w = new World({ max: 2, min_idle: 0, connect_timeout: timeout });
      at(w.h, 1, () => w.h.topology.setHostCrashed(w.oldPrimary, true));
      w.borrowAt(2, 'a');
      w.run(100_000);
      expect(w.grants, `connect_timeout ${timeout}`).toEqual(expected);
    }
  });

  it('closes with everything dropped: pending borrowers are never called back', () => {
    const w = new World({ max: 1, connect_timeout: '5s' });
    w.borrowAt(1, 'a');
    w.borrowAt(1, 'b');
    at(w.h, 2, () => w.pool.close());
    w.run(100);
    expect(w.grants.map((g) => g.label)).toEqual(['a']);
    expect(w.pool.inUse).toBe(0);
  });
});
