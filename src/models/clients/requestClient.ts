/**
 * Humans and API clients: each arrival is one logical request run through the class's call
 * loop (timeout, retries with think time or backoff, budget, breaker). Humans are written with
 * a few retries and a think time (`retry_delay`), then give up; API clients with backoff.
 */
import { newRequest, type ModelContext } from '../types.js';
import { startArrivals, startSurge, type ArrivalShape } from './arrivals.js';
import type { CallLoop } from './callLoop.js';
import type { ClientRegions } from './clientRegions.js';
import type { PolicyStates } from '../policies/fromSpec.js';
import type { Rng } from '../../engine/random.js';

/** The call loop has already recorded the outcome; an independent request needs nothing more. */
const nothingMore = (): void => {};

/** A class of independent requests. */
export class RequestClient {
  constructor(
    readonly name: string,
    readonly classIndex: number,
    private readonly rate: number,
    shape: ArrivalShape,
    private readonly loop: CallLoop,
    private readonly states: PolicyStates,
    private readonly writeRatio: number,
    private readonly choices: Rng,
    arrivals: Rng,
    private readonly ctx: ModelContext,
    /** Where the users are (null: no network time modelled). */
    private readonly regions: ClientRegions | null = null,
  ) {
    startArrivals(ctx.sim, arrivals, rate, shape, this.arrive);
  }

  /** A traffic spike: `factor` × its base rate from now (extra arrivals drawn from `rng`) until the returned function is called. */
  surge(factor: number, rng: Rng): () => void {
    return startSurge(this.ctx.sim, rng, this.rate * (factor - 1), this.arrive);
  }

  private readonly arrive = (): void => {
    const req = newRequest(this.classIndex, this.ctx.sim.now, this.choices() < this.writeRatio);
    if (this.regions) req.clientRegion = this.regions.pick();
    this.loop.start(req, this.states.next(), nothingMore, undefined);
  };
}
