/**
 * Global routing by DNS (or a global load balancer): health checks each region's endpoint, and
 * after `failure_threshold` consecutive failures stops answering with that region. A check of a
 * dark region (its endpoint gone) or of one with no instance in rotation fails at once; a check
 * that lands on an instance still in rotation but no longer answering (hung, or dead and not yet
 * noticed by its load balancer) fails only when the check's `timeout` expires. Results count in
 * the order they arrive.
 *
 * - active_passive: the answer is the first healthy region in priority order.
 * - active_active: the answer is every healthy region, traffic split by weight.
 *
 * Clients cache answers. After the answer changes, a client that honours the TTL moves when its
 * cached copy expires; caches were filled at uniformly spread times, so a request made `d` seconds
 * after the change still uses the old answer with probability max(0, 1 - d/TTL). A share of
 * clients ignores the TTL and keeps the old answer for `stale_for`.
 * A region that recovers is taken back only with `failback` (active_passive) or in active_active.
 * Recovery phases reported: `detection` (from the failure, whenever it began, to the region's removal) and
 * `dns_propagation` (from an answer change for one TTL, or `stale_for` when some clients ignore it).
 */
import type { Rng } from '../engine/random.js';
import type { GlobalRouterSpec } from '../scenario/schema.js';
import type { ServiceTier } from './service.js';
import { internedName } from './topology.js';
import type { ModelContext, RegionPicker } from './types.js';

type Answer = string[];

/** DNS-style global routing in front of one service. */
export class GlobalRouter implements RegionPicker {
  private current: Answer = [];
  private previous: Answer;
  /**
   * With `routing: nearest`, the region of `current` (and of `previous`) nearest to each client
   * region (by index; null until asked): round trips never change, so an answer's nearest region
   * from a place is worked out once, not by comparing round trips on every request.
   */
  private nearestInCurrent: (string | null)[];
  private nearestInPrevious: (string | null)[];
  private changedT = -Infinity;
  private readonly down = new Set<string>();
  private readonly fails = new Map<string, number>();
  private manual: string | null = null;
  private readonly rng: Rng;
  /** Chooses the instance each check lands on; its own stream, so routing draws are unchanged. */
  private readonly probeRng: Rng;
  /** spec.regions, interned: the answers are made of these, and every request compares and looks them up. */
  private readonly regions: string[];
  /** `routing: nearest`, read once: every request with a client region asks. */
  private readonly byNearest: boolean;

  constructor(
    private readonly spec: GlobalRouterSpec,
    private readonly service: ServiceTier,
    private readonly ctx: ModelContext,
  ) {
    this.regions = spec.regions.map(internedName);
    this.byNearest = spec.routing === 'nearest';
    this.rng = ctx.streams.stream('global-router');
    this.probeRng = ctx.streams.stream('global-router:checks');
    this.current = this.answer();
    this.previous = this.current;
    this.nearestInCurrent = this.nearestInPrevious = this.noneNearest();
    const phase = this.rng() * spec.health_check.interval;
    ctx.sim.schedule(phase, this.tick);
  }

  /**
   * The region one request goes to. With `routing: nearest` a request from a client region
   * (`from`, an index into Topology.regionNames) goes to the region of the answer with the
   * shortest round trip from there (as DNS latency-based records answer); otherwise by weight.
   */
  pick(from = -1): string | null {
    const since = this.ctx.sim.now - this.changedT;
    let answer = this.current;
    let nearestIn = this.nearestInCurrent;
    if (since < Infinity && this.previous !== this.current) {
      const { share, stale_for } = this.spec.ignore_ttl;
      const u = this.rng();
      if (u < share ? since < stale_for : this.rng() * this.spec.ttl > since) {
        answer = this.previous;
        nearestIn = this.nearestInPrevious;
      }
    }
    if (answer.length === 0) return null;
    if (answer.length === 1) return answer[0]!;
    if (from >= 0 && this.byNearest) return (nearestIn[from] ??= this.nearest(answer, from));
    return this.weighted(answer);
  }

  private nearest(regions: string[], from: number): string {
    const topology = this.ctx.topology;
    const origin = topology.regionNames[from]!;
    let best = regions[0]!;
    let bestRtt = topology.rtt(origin, best);
    for (let i = 1; i < regions.length; i++) {
      const rtt = topology.rtt(origin, regions[i]!);
      if (rtt < bestRtt) [best, bestRtt] = [regions[i]!, rtt];
    }
    return best;
  }

  /** Operator action: pin the answer to one region (manual DNS failover). */
  pin(region: string): void {
    this.manual = internedName(region);
    this.update('manual DNS change');
  }

  private readonly tick = (): void => {
    const { interval, timeout } = this.spec.health_check;
    for (const region of this.regions) {
      const lb = this.service.balancers.get(region);
      const verdict = lb ? lb.probe(this.probeRng()) : 'refused';
      if (verdict === 'hang') this.ctx.sim.schedule(timeout, this.timedOut, region);
      else this.checked(region, verdict === 'ok');
    }
    this.ctx.sim.schedule(interval, this.tick);
  };

  private readonly timedOut = (region: string): void => this.checked(region, false);

  /** One check of `region` came back. */
  private checked(region: string, healthy: boolean): void {
    const n = healthy ? 0 : (this.fails.get(region) ?? 0) + 1;
    this.fails.set(region, n);
    if (!healthy && n >= this.spec.health_check.failure_threshold && !this.down.has(region)) {
      this.down.add(region);
      this.ctx.recorder.phase(this.ctx.sim.now, 'detection', -Infinity, this.ctx.sim.now);
      this.update(`health checks failed ${n} times in a row for ${region}`);
    } else if (healthy && this.down.has(region)) {
      this.down.delete(region);
      this.update(`${region} healthy again`);
    }
  }

  private answer(): Answer {
    if (this.manual) return [this.manual];
    const healthy = this.regions.filter((r) => !this.down.has(r));
    if (this.spec.mode === 'active_passive') {
      const serving = this.current[0];
      if (!this.spec.failback && serving && healthy.includes(serving)) return [serving];
      return healthy.length ? [healthy[0]!] : [serving ?? this.regions[0]!];
    }
    return healthy.length ? healthy : [...this.regions];
  }

  private update(why: string): void {
    const next = this.answer();
    if (next.join() === this.current.join()) return;
    this.previous = this.current;
    this.current = next;
    this.nearestInPrevious = this.nearestInCurrent;
    this.nearestInCurrent = this.noneNearest();
    this.changedT = this.ctx.sim.now;
    // Clients move as their cached answers expire: propagation lasts a TTL (longer for clients that ignore it).
    const { share, stale_for } = this.spec.ignore_ttl;
    this.ctx.recorder.phase(this.changedT, 'dns_propagation', this.changedT, this.changedT + Math.max(this.spec.ttl, share > 0 ? stale_for : 0));
    this.ctx.recorder.note(this.ctx.sim.now, 'dns_switch', `DNS answer now ${next.join(', ')} (${why})`);
  }

  /** A fresh memo of nearest regions: none worked out yet, one entry per client region. */
  private noneNearest(): (string | null)[] {
    return new Array<string | null>(this.ctx.topology.regionNames.length).fill(null);
  }

  private weighted(regions: string[]): string {
    const w = this.spec.weights;
    let total = 0;
    for (const r of regions) total += w?.[r] ?? 1;
    let u = this.rng() * total;
    for (const r of regions) {
      u -= w?.[r] ?? 1;
      if (u < 0) return r;
    }
    return regions[regions.length - 1]!;
  }
}
