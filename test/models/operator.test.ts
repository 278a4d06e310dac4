/**
 * The on-call engineer: paged by the SLO alert, at a keyboard after `paging`, then runbook steps
 * one after another, each taking its sampled time; before each step a look at the dashboard, and
 * once the SLO holds again the rest of the runbook is skipped. The monitor, the instances, the
 * database, the router and the fault are fakes that log what the operator does to them.
 */
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/models/database.js';
import type { FaultInjector } from '../../src/models/faults/faultInjector.js';
import type { GlobalRouter } from '../../src/models/globalRouter.js';
import type { Monitor } from '../../src/models/monitor.js';
import { Operator } from '../../src/models/operator.js';
import type { ServiceTier } from '../../src/models/service.js';
import { at, harness, type Harness } from '../support/modelHarness.js';
import { operatorSpec } from '../support/specs.js';

class FakeMonitor {
  violatedNow = true;
  private readonly pagers: Array<(t: number) => void> = [];
  onPage(p: (t: number) => void): void { this.pagers.push(p); }
  violated(): boolean { return this.violatedNow; }
  page(t: number): void { for (const p of this.pagers) p(t); }
}

function world(spec: Record<string, unknown>, opts: { primaryDown?: boolean; instances?: number } = {}) {
  const h = harness();
  const actions: Array<[number, string]> = [];
  const log = (what: string) => actions.push([h.sim.now, what]);
  const monitor = new FakeMonitor();
  const instances = Array.from({ length: opts.instances ?? 3 }, (_, i) => ({ name: `api/${i + 1}`, restart: (s: number) => log(`restart api/${i + 1} for ${s}s`) }));
  const db = {
    primaryDown: opts.primaryDown ?? true,
    promoteNow: () => { log('promoteNow'); db.primaryDown = false; return true; },
    samplePromotionS: () => 30,
    whenPromotable: (action: () => void) => action(),
  };
  new Operator('on-call', operatorSpec(spec), {
    monitor: monitor as unknown as Monitor,
    services: new Map([['api', { instances } as unknown as ServiceTier]]),
    databases: new Map([['orders', db as unknown as Database]]),
    router: { pin: (r: string) => log(`pin ${r}`) } as unknown as GlobalRouter,
    fault: { repair: () => log('repair') } as unknown as FaultInjector,
  }, h);
  return { h, monitor, actions };
}

const noteTexts = (h: Harness) => h.recorder.notes.map((n) => [n.t, n.text] as const);

describe('Operator', () => {
  it('reaches a keyboard `paging` after the page and works the runbook step by step', () => {
    const { h, monitor, actions } = world({
      paging: '5m',
      runbook: [
        { step: 'diagnose', takes: '10m' },
        { step: 'promote', database: 'orders', takes: '45s' },
        { step: 'restart_instances', service: 'api', mode: 'one_by_one', each: '10m' },
      ],
    });
    at(h, 100, () => monitor.page(100));
    h.sim.run(10_000);
    expect(actions).toEqual([
      [100 + 300 + 600 + 45, 'promoteNow'],
      [1045, 'restart api/1 for 600s'],
      [1645, 'restart api/2 for 600s'],
      [2245, 'restart api/3 for 600s'],
    ]);
    expect(noteTexts(h)[0]).toEqual([100, 'on-call paged: SLO alert']);
    expect(noteTexts(h)).toContainEqual([400, 'on-call at the keyboard']);
    expect(noteTexts(h).at(-1)).toEqual([2845, 'on-call: runbook complete']);
  });

  it('stands down and skips the rest of the runbook once the SLO holds again', () => {
    const { h, monitor, actions } = world({
      paging: '5m',
      runbook: [{ step: 'diagnose', takes: '10m' }, { step: 'promote', database: 'orders', takes: '45s' }],
    });
    at(h, 100, () => monitor.page(100));
    at(h, 800, () => { monitor.violatedNow = false; });
    h.sim.run(10_000);
    expect(actions).toEqual([]);
    expect(noteTexts(h).at(-1)).toEqual([1000, 'on-call: SLO met again; stands down']);
  });

  it('restarts all instances together for `takes` with all_at_once', () => {
    const { h, monitor, actions } = world({
      paging: 0,
      runbook: [{ step: 'restart_instances', service: 'api', mode: 'all_at_once', takes: '2m' }, { step: 'wait', takes: '1m' }],
    });
    at(h, 10, () => monitor.page(10));
    h.sim.run(1000);
    expect(actions).toEqual([[10, 'restart api/1 for 120s'], [10, 'restart api/2 for 120s'], [10, 'restart api/3 for 120s']]);
    expect(noteTexts(h).at(-1)).toEqual([10 + 120 + 60, 'on-call: runbook complete']);
  });

  it('does not promote a database that already has a live primary', () => {
    const { h, monitor, actions } = world({ paging: 0, runbook: [{ step: 'promote', database: 'orders', takes: '45s' }] }, { primaryDown: false });
    at(h, 10, () => monitor.page(10));
    h.sim.run(1000);
    expect(actions).toEqual([]);
    expect(noteTexts(h)).toContainEqual([10, 'on-call: orders already has a live primary; no promotion needed']);
  });

  it("promotes after the database's own promotion time when the step gives none", () => {
    const { h, monitor, actions } = world({ paging: 0, runbook: [{ step: 'promote', database: 'orders' }] });
    at(h, 10, () => monitor.page(10));
    h.sim.run(1000);
    expect(actions).toEqual([[40, 'promoteNow']]);
  });

  it('ends the fault with a repair step and pins DNS with a failover_dns step', () => {
    const { h, monitor, actions } = world({
      paging: '1m',
      runbook: [{ step: 'failover_dns', to: 'west', takes: '2m' }, { step: 'repair', takes: '30m' }],
    });
    at(h, 0, () => monitor.page(0));
    h.sim.run(10_000);
    expect(actions).toEqual([[180, 'pin west'], [180 + 1800, 'repair']]);
  });

  it('ignores a page while working the runbook, and answers a new one after standing down', () => {
    const { h, monitor, actions } = world({ paging: '1m', runbook: [{ step: 'promote', database: 'orders', takes: '1m' }] });
    at(h, 0, () => monitor.page(0));
    at(h, 30, () => monitor.page(30));
    at(h, 500, () => monitor.page(500));
    h.sim.run(10_000);
    expect(h.recorder.notes.filter((n) => n.text.endsWith('paged: SLO alert')).map((n) => n.t)).toEqual([0, 500]);
    // The second time, the database already has a primary again.
    expect(actions).toEqual([[120, 'promoteNow']]);
  });
});
