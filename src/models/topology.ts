/**
 * Regions, zones and the hosts placed in them, with their up/down state. Faults change this
 * state; models that own hosts listen for the changes. Also the network round-trip times, and
 * the partitions that cut traffic between two sets of regions (each side stays up; see reachable).
 */
import type { NetworkSpec } from '../scenario/schema.js';

type Listener = (host: Host, up: boolean) => void;

/** A machine in a zone: an application instance or a database node. */
export class Host {
  /** Crashed by a fault (independent of its zone and region). */
  crashed = false;
  /** Bumped every time the host goes down: work started in an older epoch never completes. */
  epoch = 0;
  private lastUp = true;
  constructor(
    readonly name: string,
    readonly region: string,
    readonly zone: number,
    private readonly topology: Topology,
  ) {}

  /** Alive: not crashed and its zone and region are up (kept current by Topology). */
  get up(): boolean {
    return this.lastUp;
  }

  /** Recomputes the state after a change; returns true if it flipped. */
  refresh(): boolean {
    const now = !this.crashed && this.topology.zoneUp(this.region, this.zone);
    if (now === this.lastUp) return false;
    this.lastUp = now;
    if (!now) this.epoch++;
    return true;
  }
}

/**
 * `name` as the engine's one shared copy of that text (V8 internalizes property keys, and every
 * internalized copy of a text is the same string). Region names reach the models both as object
 * keys (internalized: `zones`, a service's `instances`) and as array items (`regions: [...]`, not
 * internalized, nor after a worker thread's structured clone); comparing or looking up one of each
 * compares their characters, where two internalized names compare by reference. A hot path that
 * keeps region names from an array keeps them through this.
 */
export function internedName(name: string): string {
  return Object.keys({ [name]: 0 })[0]!;
}

/** The regions and zones of the system and every host in them. */
export class Topology {
  private readonly regionDown = new Set<string>();
  private readonly zoneDown = new Set<string>();
  private readonly hosts: Host[] = [];
  private readonly listeners: Listener[] = [];
  private readonly rttS = new Map<string, number>();
  private readonly rttCache = new Map<string, Map<string, number>>();
  /** Network partitions in force: no traffic between a region of one side and one of the other. */
  private readonly cuts: Array<[ReadonlySet<string>, ReadonlySet<string>]> = [];
  private readonly partitionListeners: Array<() => void> = [];
  private readonly regionListeners: Array<(region: string, up: boolean) => void> = [];
  /** Region names in scenario order; client regions are indices into it. */
  readonly regionNames: string[];

  constructor(
    readonly zones: Record<string, number>,
    private readonly network: NetworkSpec,
  ) {
    this.regionNames = Object.keys(zones);
    for (const [pair, rtt] of Object.entries(network.rtt)) {
      const [a, b] = pair.split('~') as [string, string];
      this.rttS.set(`${a}~${b}`, rtt);
      this.rttS.set(`${b}~${a}`, rtt);
    }
  }

  /** Creates a host placed in a region and zone (1-based); down from the start if its zone is. */
  addHost(name: string, region: string, zone: number): Host {
    const h = new Host(name, region, zone, this);
    h.refresh();
    this.hosts.push(h);
    return h;
  }

  /** Called with every host that goes down or comes back. */
  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  regionUp(region: string): boolean {
    return !this.regionDown.has(region);
  }

  zoneUp(region: string, zone: number): boolean {
    return !this.regionDown.has(region) && !this.zoneDown.has(`${region}/${zone}`);
  }

  setRegionUp(region: string, up: boolean): void {
    if (up) this.regionDown.delete(region);
    else this.regionDown.add(region);
    this.refreshAll();
    for (const l of this.regionListeners) l(region, up);
  }

  /** Called after a whole region goes dark or comes back (after its hosts' listeners). */
  onRegionChange(listener: (region: string, up: boolean) => void): void {
    this.regionListeners.push(listener);
  }

  setZoneUp(region: string, zone: number, up: boolean): void {
    const key = `${region}/${zone}`;
    if (up) this.zoneDown.delete(key);
    else this.zoneDown.add(key);
    this.refreshAll();
  }

  setHostCrashed(host: Host, crashed: boolean): void {
    host.crashed = crashed;
    this.refreshAll();
  }

  /** Whether traffic flows between regions `a` and `b` (false across a partition's cut). */
  reachable(a: string, b: string): boolean {
    for (const [x, y] of this.cuts) if ((x.has(a) && y.has(b)) || (y.has(a) && x.has(b))) return false;
    return true;
  }

  /** Whether a partition is in force. */
  get partitioned(): boolean {
    return this.cuts.length > 0;
  }

  /**
   * Cuts the network between the regions of `sideA` and those of `sideB` (both stay up); returns
   * the function that heals the cut. Partition listeners are told after each change.
   */
  partition(sideA: string[], sideB: string[]): () => void {
    const cut: [ReadonlySet<string>, ReadonlySet<string>] = [new Set(sideA), new Set(sideB)];
    this.cuts.push(cut);
    for (const l of this.partitionListeners) l();
    return () => {
      const i = this.cuts.indexOf(cut);
      if (i < 0) return;
      this.cuts.splice(i, 1);
      for (const l of this.partitionListeners) l();
    };
  }

  /** Called after a partition begins or heals (read reachable() for the new state). */
  onPartition(listener: () => void): void {
    this.partitionListeners.push(listener);
  }

  /** Round-trip time in seconds between two regions. */
  rtt(a: string, b: string): number {
    if (a === b) return this.network.in_region_rtt;
    let row = this.rttCache.get(a);
    if (!row) this.rttCache.set(a, (row = new Map()));
    let v = row.get(b);
    if (v === undefined) row.set(b, (v = this.rttS.get(`${a}~${b}`) ?? this.network.default_rtt));
    return v;
  }

  /** Updates every host's state first, then tells listeners, so they all see the new world. */
  private refreshAll(): void {
    const flipped = this.hosts.filter((h) => h.refresh());
    for (const h of flipped) for (const l of this.listeners) l(h, h.up);
  }
}
