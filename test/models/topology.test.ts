/**
 * Regions, zones and hosts: a host is up when it is not crashed and its zone and region are up;
 * listeners hear each transition once; a host that goes down starts a new epoch (work started
 * before never completes); round-trip times are symmetric with defaults.
 */
import { describe, expect, it } from 'vitest';
import { EAST_WEST_RTT_S, IN_REGION_RTT_S, harness } from '../support/modelHarness.js';

describe('Topology', () => {
  it('keeps a host up only while it is not crashed and its zone and region are up', () => {
    const { topology } = harness();
    const a = topology.addHost('a', 'east', 1);
    const b = topology.addHost('b', 'east', 2);
    const c = topology.addHost('c', 'west', 1);
    topology.setZoneUp('east', 1, false);
    expect([a.up, b.up, c.up]).toEqual([false, true, true]);
    topology.setRegionUp('east', false);
    expect([a.up, b.up, c.up]).toEqual([false, false, true]);
    topology.setZoneUp('east', 1, true);
    expect(a.up).toBe(false); // the region is still down
    topology.setRegionUp('east', true);
    topology.setHostCrashed(c, true);
    expect([a.up, b.up, c.up]).toEqual([true, true, false]);
  });

  it('tells listeners about each transition once, after every host is updated, and starts a new epoch on the way down', () => {
    const { topology } = harness();
    const a = topology.addHost('a', 'east', 1);
    const b = topology.addHost('b', 'east', 2);
    const heard: Array<[string, boolean, boolean]> = [];
    topology.onChange((host, up) => heard.push([host.name, up, host === a ? b.up : a.up]));
    topology.setRegionUp('east', false);
    topology.setZoneUp('east', 1, false); // no transition: already down
    topology.setRegionUp('east', true);
    // The third field is the other host's state as the listener saw it: already updated.
    expect(heard).toEqual([['a', false, false], ['b', false, false], ['b', true, false]]);
    expect([a.epoch, b.epoch]).toEqual([1, 1]);
  });

  it('gives in-region, listed and default round-trip times, symmetric', () => {
    const { topology } = harness();
    expect(topology.rtt('east', 'east')).toBe(IN_REGION_RTT_S);
    expect(topology.rtt('east', 'west')).toBe(EAST_WEST_RTT_S);
    expect(topology.rtt('west', 'east')).toBe(EAST_WEST_RTT_S);
    expect(topology.rtt('east', 'ap-south')).toBe(0.07);
  });
});
