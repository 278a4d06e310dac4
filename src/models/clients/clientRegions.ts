/**
 * Where a client class's users are: each request (an agent: each workflow) comes from one region,
 * drawn by the shares of the class's `regions`. The round trip from that region to the region
 * that serves an attempt is added to the attempt (see callLoop.ts).
 */
import type { Rng } from '../../engine/random.js';
import type { Topology } from '../topology.js';

/** Draws a client region per request, as an index into `Topology.regionNames`. */
export class ClientRegions {
  private readonly indices: number[] = [];
  private readonly cumulative: number[] = [];

  constructor(shares: Record<string, number>, topology: Topology, private readonly rng: Rng) {
    let sum = 0;
    for (const [region, share] of Object.entries(shares)) {
      const i = topology.regionNames.indexOf(region);
      if (i < 0) throw new RangeError(`client region ${region} is not a region of the system (${topology.regionNames.join(', ')})`);
      this.indices.push(i);
      this.cumulative.push((sum += share));
    }
  }

  /** The region of a new request or workflow. */
  pick(): number {
    if (this.indices.length === 1) return this.indices[0]!;
    const u = this.rng() * this.cumulative[this.cumulative.length - 1]!;
    for (let k = 0; k < this.cumulative.length; k++) if (u < this.cumulative[k]!) return this.indices[k]!;
    return this.indices[this.indices.length - 1]!;
  }
}
