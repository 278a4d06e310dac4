/**
 * Routing without a global router: every request goes to a region where the service has
 * instances, in proportion to their instance counts (one load balancer per region behind
 * a fixed split). Nothing moves traffic away from a dead region.
 */
import type { Rng } from '../engine/random.js';
import type { RegionPicker } from './types.js';

/** A fixed, weighted split of traffic over regions. */
export class StaticRouter implements RegionPicker {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(
    private readonly regions: string[],
    weights: number[],
    private readonly rng: Rng,
  ) {
    let sum = 0;
    for (const w of weights) this.cumulative.push((sum += w));
    this.total = sum;
  }

  pick(): string | null {
    if (this.regions.length === 0) return null;
    if (this.regions.length === 1) return this.regions[0]!;
    const u = this.rng() * this.total;
    const k = this.cumulative.findIndex((c) => u < c);
    return this.regions[k < 0 ? this.regions.length - 1 : k]!;
  }
}
