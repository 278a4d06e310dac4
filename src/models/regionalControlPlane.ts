/**
 * The control plane of every region, which a fault can take down (`control_plane_outage`) while
 * the region's data plane (instances, load balancers, databases already running) keeps serving.
 * A region that goes dark (`region_outage`) takes its control plane with it: nothing is
 * provisioned, promoted or issued in a region that is down until it comes back.
 * An action that needs a region's control plane while it is down (promote a replica, change DNS,
 * provision instances, issue a token) waits until it returns, then runs in the order it asked.
 *
 * Recovery phase reported: `control_plane`, from the first action that waited in a region to the
 * control plane's return there (the time the recovery spent blocked on it). Business recovery
 * part: `control_plane`, down while any region's control plane is (declared by the first outage).
 */
import type { Simulation } from '../engine/sim.js';
import type { ControlPlane } from './controlPlane.js';
import type { Topology } from './topology.js';
import type { Recorder } from './types.js';

interface Waiting {
  sinceT: number;
  action: () => void;
}

/** Per-region control planes that faults can take down and bring back (times in seconds). */
export class RegionalControlPlane implements ControlPlane {
  /** Outages in progress per region (overlapping faults nest). */
  private readonly outages = new Map<string, number>();
  private readonly waiting = new Map<string, Waiting[]>();

  constructor(
    private readonly sim: Simulation,
    private readonly recorder: Recorder,
    private readonly topology: Topology,
  ) {
    topology.onRegionChange((region, up) => {
      if (up) this.release(region);
    });
  }

  available(region: string): boolean {
    return (this.outages.get(region) ?? 0) === 0 && this.topology.regionUp(region);
  }

  whenAvailable(region: string, action: () => void): void {
    if (this.available(region)) return action();
    let queue = this.waiting.get(region);
    if (!queue) this.waiting.set(region, (queue = []));
    queue.push({ sinceT: this.sim.now, action });
  }

  /** Actions waiting for `region`'s control plane now. */
  waitingIn(region: string): number {
    return this.waiting.get(region)?.length ?? 0;
  }

  /** Regions whose control plane is down now. */
  private regionsDown(): number {
    let n = 0;
    for (const k of this.outages.values()) if (k > 0) n++;
    return n;
  }

  /** Fault control: one outage of `region`'s control plane begins (down) or ends (up). */
  setDown(region: string, down: boolean): void {
    const wasDown = this.regionsDown();
    const n = (this.outages.get(region) ?? 0) + (down ? 1 : -1);
    this.outages.set(region, Math.max(0, n));
    const nowDown = this.regionsDown();
    if ((wasDown > 0) !== (nowDown > 0)) this.recorder.businessPart(this.sim.now, 'control_plane', nowDown === 0);
    this.release(region);
  }

  /** Runs, in the order they asked, the actions waiting for `region` if its control plane is available now. */
  private release(region: string): void {
    if (!this.available(region)) return;
    const queue = this.waiting.get(region);
    if (!queue || queue.length === 0) return;
    this.waiting.delete(region);
    const now = this.sim.now;
    this.recorder.phase(now, 'control_plane', queue[0]!.sinceT, now);
    this.recorder.note(now, 'control_plane', `control plane of ${region} back: ${queue.length} blocked action${queue.length === 1 ? '' : 's'} proceed`);
    for (const w of queue) w.action();
  }
}
