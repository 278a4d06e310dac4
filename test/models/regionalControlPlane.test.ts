/**
 * The control plane of each region: actions that need it wait while it is down and run, in the
 * order they asked, when it returns; the wait is reported as the `control_plane` recovery phase.
 * A database's automated promotion and an operator's scale and DNS steps go through it, while
 * the data plane (queries on the running primary) keeps serving.
 */
import { describe, expect, it } from 'vitest';
import { Database } from '../../src/models/database.js';
import type { FaultInjector } from '../../src/models/faults/faultInjector.js';
import type { GlobalRouter } from '../../src/models/globalRouter.js';
import type { Monitor } from '../../src/models/monitor.js';
import { Operator } from '../../src/models/operator.js';
import { RegionalControlPlane } from '../../src/models/regionalControlPlane.js';
import type { ServiceTier } from '../../src/models/service.js';
import { at, harness } from '../support/modelHarness.js';
import { databaseSpec, operatorSpec } from '../support/specs.js';

/** A harness whose control plane can fail. */
function world() {
  const h = harness('control-plane');
  const cp = new RegionalControlPlane(h.sim, h.recorder, h.topology);
  return { h: { ...h, controlPlane: cp }, cp };
}

describe('RegionalControlPlane', () => {
  it('runs an action at once while its region is up, and holds it until the region returns while down', () => {
    const { h, cp } = world();
    const ran: Array<[number, string]> = [];
    at(h, 10, () => cp.setDown('east', true));
    at(h, 20, () => cp.whenAvailable('east', () => ran.push([h.sim.now, 'east-1'])));
    at(h, 25, () => cp.whenAvailable('west', () => ran.push([h.sim.now, 'west'])));
    at(h, 30, () => cp.whenAvailable('east', () => ran.push([h.sim.now, 'east-2'])));
    at(h, 40, () => expect(cp.available('east', 40)).toBe(false));
    at(h, 100, () => cp.setDown('east', false));
    h.sim.run(200);
    expect(ran).toEqual([[25, 'west'], [100, 'east-1'], [100, 'east-2']]);
    expect(h.recorder.phases).toEqual([{ t: 100, phase: 'control_plane', fromT: 20, toT: 100 }]);
  });

  it('stays down until every overlapping outage of the region has ended', () => {
    const { h, cp } = world();
    const ran: number[] = [];
    at(h, 10, () => cp.setDown('east', true));
    at(h, 20, () => cp.setDown('east', true));
    at(h, 30, () => cp.whenAvailable('east', () => ran.push(h.sim.now)));
    at(h, 50, () => cp.setDown('east', false));
    at(h, 80, () => cp.setDown('east', false));
    h.sim.run(100);
    expect(ran).toEqual([80]);
  });

  it('is a business-recovery part: down from the first region outage until no region is down', () => {
    const { h, cp } = world();
    at(h, 10, () => cp.setDown('east', true));
    at(h, 20, () => cp.setDown('west', true));
    at(h, 30, () => cp.setDown('east', false));
    at(h, 40, () => cp.setDown('west', false));
    h.sim.run(100);
    expect(h.recorder.businessParts).toEqual([{ t: 10, part: 'control_plane', up: false }, { t: 40, part: 'control_plane', up: true }]);
  });

  it('reports no phase when nothing waited for it', () => {
    const { h, cp } = world();
    at(h, 10, () => cp.setDown('east', true));
    at(h, 50, () => cp.setDown('east', false));
    h.sim.run(100);
    expect(h.recorder.phases).toEqual([]);
  });
});

describe('Actions through the control plane', () => {
  it('holds an automated promotion until the control plane of the replica region returns, then takes the promotion time', () => {
    const { h, cp } = world();
    const d = new Database('orders', databaseSpec({ primary: 'east', replicas: [{ region: 'west', mode: 'async', lag: '100ms' }], promotion: { mode: 'automated', detection: '30s', promotion: '10s' } }), h);
    const old = d.endpoint();
    at(h, 50, () => cp.setDown('west', true));
    at(h, 100, () => h.topology.setHostCrashed(old, true));
    at(h, 600, () => cp.setDown('west', false));
    h.sim.run(1000);
    expect(h.recorder.notesOf('detection').map((n) => n.t)).toEqual([130]);
    expect(h.recorder.notesOf('promotion').map((n) => n.t)).toEqual([610]);
    expect(h.recorder.phases.map((p) => [p.phase, p.fromT, p.toT])).toEqual([
      ['detection', 100, 130],
      ['control_plane', 130, 600],
      ['promotion', 600, 610],
    ]);
  });

  it('keeps the data plane serving: queries on the running primary answer during a control-plane outage', () => {
    const { h, cp } = world();
    const d = new Database('orders', databaseSpec({ primary: 'east' }), h);
    const answers: boolean[] = [];
    at(h, 10, () => cp.setDown('east', true));
    at(h, 20, () => d.query('east', d.endpoint(), true, null, (_j, ok) => answers.push(ok)));
    h.sim.run(100);
    expect(answers).toEqual([true]);
  });

  it("holds an operator's scale and failover_dns steps until their region's control plane returns", () => {
    const { h, cp } = world();
    const actions: Array<[number, string]> = [];
    const pagers: Array<(t: number) => void> = [];
    const tier = { scaleTo: (region: string, to: number) => { actions.push([h.sim.now, `scale ${region} to ${to}`]); return 90; } };
    new Operator('on-call', operatorSpec({
      paging: '0s',
      runbook: [
        { step: 'scale', service: 'api', region: 'west', to: 4, takes: '5m' },
        { step: 'failover_dns', to: 'west', takes: '1m' },
      ],
    }), {
      monitor: { onPage: (p: (t: number) => void) => pagers.push(p), violated: () => true } as unknown as Monitor,
      services: new Map([['api', tier as unknown as ServiceTier]]),
      databases: new Map(),
      router: { pin: (r: string) => actions.push([h.sim.now, `pin ${r}`]) } as unknown as GlobalRouter,
      fault: null as unknown as FaultInjector,
    }, h);
    at(h, 0, () => cp.setDown('west', true));
    at(h, 100, () => pagers.forEach((p) => p(100)));
    at(h, 1000, () => cp.setDown('west', false));
    h.sim.run(10_000);
    expect(actions).toEqual([[1300, 'scale west to 4'], [1300 + 90 + 60, 'pin west']]);
    expect(h.recorder.phases.filter((p) => p.phase !== 'detection').map((p) => [p.phase, p.fromT, p.toT])).toEqual([
      ['paging', 100, 100],
      ['control_plane', 100, 1000],
      ['scale_up', 1000, 1390],
      ['dns_update', 1390, 1450],
    ]);
  });

  it('a region that goes dark takes its control plane with it: actions there wait until the region returns, other regions act at once', () => {
    const { h, cp } = world();
    const ran: Array<[number, string]> = [];
    at(h, 10, () => h.topology.setRegionUp('east', false));
    at(h, 20, () => cp.whenAvailable('east', () => ran.push([h.sim.now, 'east'])));
    at(h, 25, () => cp.whenAvailable('west', () => ran.push([h.sim.now, 'west'])));
    at(h, 30, () => expect(cp.available('east', 30)).toBe(false));
    at(h, 150, () => h.topology.setRegionUp('east', true));
    h.sim.run(200);
    expect(ran).toEqual([[25, 'west'], [150, 'east']]);
    expect(h.recorder.phases).toEqual([{ t: 150, phase: 'control_plane', fromT: 20, toT: 150 }]);
  });

  it('a control-plane outage that ends while its region is still dark keeps holding the action until the region returns', () => {
    const { h, cp } = world();
    const ran: number[] = [];
    at(h, 10, () => cp.setDown('east', true));
    at(h, 15, () => h.topology.setRegionUp('east', false));
    at(h, 20, () => cp.whenAvailable('east', () => ran.push(h.sim.now)));
    at(h, 50, () => cp.setDown('east', false));
    at(h, 90, () => h.topology.setRegionUp('east', true));
    h.sim.run(200);
    expect(ran).toEqual([90]);
  });
});
