/**
 * A pool's timers cost nothing once they are moot: a borrow that got its connection cancels its
 * connect_timeout, and a query that was answered cancels its query_timeout, so neither fires (nor
 * keeps the borrower alive until it would have). What may remain is the one kernel event of the
 * timer queue armed when the first of them started (engine/fixedDelayTimers.ts).
 */
import { describe, expect, it } from 'vitest';
import { ConnectionPool } from '../../src/models/connectionPool.js';
import { Database } from '../../src/models/database.js';
import { at, harness } from '../support/modelHarness.js';
import { databaseSpec, poolSpec } from '../support/specs.js';

function world(pool: Record<string, unknown>) {
  const h = harness();
  const db = new Database('orders', databaseSpec({ primary: 'east', query_time: '2ms' }), h);
  return { h, pool: new ConnectionPool(poolSpec(pool), db, 'east', h) };
}

const BORROWS = 20;

describe('ConnectionPool timers', () => {
  it('borrows granted after validation leave no connect_timeout to fire', () => {
    const { h, pool } = world({ max: 2, connect_timeout: '5s', validate_on_borrow: true });
    const granted: number[] = [];
    for (let k = 0; k < BORROWS; k++) {
      at(h, 1 + k * 0.05, () => pool.borrow(null, (_j, conn) => {
        if (!conn) return;
        granted.push(h.sim.now);
        pool.release(conn);
      }));
    }
    h.sim.run(3);
    expect(granted).toHaveLength(BORROWS);
    const before = h.sim.events;
    h.sim.run(20);
    expect(h.sim.events - before).toBeLessThanOrEqual(1);
    expect(h.sim.pending).toBe(0);
  });

  it('answered queries leave no query_timeout to fire, and their connections go back to the pool', () => {
    const { h, pool } = world({ max: 1, query_timeout: '5s' });
    const answers: boolean[] = [];
    for (let k = 0; k < BORROWS; k++) {
      at(h, 1 + k * 0.05, () => pool.borrow(null, (_j, conn) => pool.query(conn!, false, null, (_q, ok) => answers.push(ok))));
    }
    h.sim.run(3);
    expect(answers).toHaveLength(BORROWS);
    expect(answers.every((ok) => ok)).toBe(true);
    expect(pool.inUse).toBe(0);
    const before = h.sim.events;
    h.sim.run(20);
    expect(h.sim.events - before).toBeLessThanOrEqual(1);
    expect(h.sim.pending).toBe(0);
  });

  it('a query that never answers still fails at its query_timeout', () => {
    const { h, pool } = world({ max: 1, query_timeout: '5s' });
    const answers: Array<[number, boolean]> = [];
    at(h, 1, () => pool.borrow(null, (_j, conn) => {
      h.topology.setHostCrashed(conn!.host, true);
      pool.query(conn!, false, null, (_q, ok) => answers.push([h.sim.now, ok]));
    }));
    h.sim.run(10);
    expect(answers).toEqual([[6, false]]);
  });
});
