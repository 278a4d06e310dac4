// Put under test/models/ to run: npx vitest run test/models/stale-epoch-query.test.ts
import { expect, it } from 'vitest';
import { ConnectionPool } from '../../src/models/connectionPool.js';
import { Database } from '../../src/models/database.js';
import { at, harness } from '../support/modelHarness.js';
import { databaseSpec, poolSpec } from '../support/specs.js';
it('a connection opened before its host crashed does not work after the host comes back (it was reset)', () => {
  const h = harness();
  const db = new Database('orders', databaseSpec({ primary: 'east', query_time: '2ms' }), h);
  const pool = new ConnectionPool(poolSpec({ max: 1 }), db, 'east', h);
  const primary = db.endpoint();
  at(h, 10, () => h.topology.setHostCrashed(primary, true));
  at(h, 20, () => h.topology.setHostCrashed(primary, false));
  const answers: boolean[] = [];
  at(h, 30, () => pool.borrow(null, (_j, conn) => pool.query(conn!, false, null, (_k, ok) => answers.push(ok))));
  h.sim.run(100);
  expect(answers).toEqual([false]);
});
