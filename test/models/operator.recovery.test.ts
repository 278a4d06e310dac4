/**
 * The operator's recovery steps beyond promotion: restore (a new primary from the latest backup,
 * in the restore time), scale (provisioning, then the new instances' start-up), and the recovery
 * phases every step reports (detection, paging, diagnosis, restore, scale_up, dns_update).
 * Database, service tier and router are fakes that log what the operator does to them.
 */
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/models/database.js';
import type { FaultInjector } from '../../src/models/faults/faultInjector.js';
import type { GlobalRouter } from '../../src/models/globalRouter.js';
import type { Monitor } from '../../src/models/monitor.js';
import { Operator } from '../../src/models/operator.js';
import type { ServiceTier } from '../../src/models/service.js';
import { at, harness } from '../support/modelHarness.js';
import { operatorSpec } from '../support/specs.js';

const STARTUP_S = 90;

function world(spec: Record<string, unknown>, primaryDown = true) {
  const h = harness();
  const actions: Array<[number, string]> = [];
  const log = (what: string) => actions.push([h.sim.now, what]);
  const pagers: Array<(t: number) => void> = [];
  const monitor = { onPage: (p: (t: number) => void) => pagers.push(p), violated: () => true };
  const db = {
    primaryDown,
    backups: { sampleRestoreS: () => 7200 },
    restoreFromBackup: (region: string) => { log(`restore in ${region}`); db.primaryDown = false; return true; },
  };
  const tier = { scaleTo: (region: string, to: number) => { log(`scale ${region} to ${to}`); return STARTUP_S; } };
  new Operator('on-call', operatorSpec(spec), {
    monitor: monitor as unknown as Monitor,
    services: new Map([['api', tier as unknown as ServiceTier]]),
    databases: new Map([['orders', db as unknown as Database]]),
    router: { pin: (r: string) => log(`pin ${r}`) } as unknown as GlobalRouter,
    fault: { repair: () => log('repair') } as unknown as FaultInjector,
  }, h);
  return { h, page: (t: number) => at(h, t, () => pagers.forEach((p) => p(t))), actions };
}

describe('Operator recovery steps', () => {
  it('restores in the database restore time, scales (provisioning then start-up), then switches DNS', () => {
    const { h, page, actions } = world({
      paging: '5m',
      runbook: [
        { step: 'diagnose', takes: '20m' },
        { step: 'restore', database: 'orders', region: 'west' },
        { step: 'scale', service: 'api', region: 'west', to: 4, takes: '15m' },
        { step: 'failover_dns', to: 'west', takes: '1m' },
      ],
    });
    page(100);
    h.sim.run(100_000);
    const restoredT = 100 + 300 + 1200 + 7200;
    const scaledT = restoredT + 900;
    expect(actions).toEqual([
      [restoredT, 'restore in west'],
      [scaledT, 'scale west to 4'],
      [scaledT + STARTUP_S + 60, 'pin west'],
    ]);
    expect(h.recorder.phases.map((p) => [p.phase, p.fromT, p.toT])).toEqual([
      ['detection', -Infinity, 100],
      ['paging', 100, 400],
      ['diagnosis', 400, 1600],
      ['restore', 1600, restoredT],
      ['scale_up', restoredT, scaledT + STARTUP_S],
      ['dns_update', scaledT + STARTUP_S, scaledT + STARTUP_S + 60],
    ]);
  });

  it('uses the step\'s own restore time when it gives one', () => {
    const { h, page, actions } = world({ paging: '0s', runbook: [{ step: 'restore', database: 'orders', region: 'west', takes: '1h' }] });
    page(10);
    h.sim.run(100_000);
    expect(actions).toEqual([[10 + 3600, 'restore in west']]);
  });

  it('skips a restore when the primary is alive, and reports no restore phase', () => {
    const { h, page, actions } = world({ paging: '0s', runbook: [{ step: 'restore', database: 'orders', region: 'west' }] }, false);
    page(10);
    h.sim.run(100_000);
    expect(actions).toEqual([]);
    expect(h.recorder.phases.map((p) => p.phase)).not.toContain('restore');
    expect(h.recorder.notes.map((n) => n.text)).toContain('on-call: orders already has a live primary; no restore needed');
  });
});
