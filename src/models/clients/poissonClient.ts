/**
 * A client class: requests arrive as a Poisson process; each attempt has a timeout, and a failed
 * or timed-out attempt is retried after `retry_delay` up to `retries` times. Attempts are counted
 * every time one is sent (first tries and retries alike), so retry amplification is
 * attempts / unique requests.
 */
import { sampler, type Sampler } from '../../engine/distributions.js';
import type { Rng } from '../../engine/random.js';
import type { ClientSpec } from '../../scenario/schema.js';
import type { ServiceTier } from '../service.js';
import type { Attempt, ClientRequest, ModelContext, RegionPicker } from '../types.js';

/** One attempt in flight; the first of response or timeout settles it. */
class ClientAttempt implements Attempt {
  settled = false;
  constructor(
    readonly req: ClientRequest,
    readonly startT: number,
    private readonly client: PoissonClient,
  ) {}

  respond(ok: boolean): void {
    if (this.settled) return;
    this.settled = true;
    this.client.settle(this, ok);
  }
}

/** A traffic class sending requests to one service. */
export class PoissonClient {
  private readonly arrivals: Rng;
  private readonly choices: Rng;
  private readonly retryDelay: Sampler;
  private readonly meanGapS: number;

  constructor(
    readonly name: string,
    readonly classIndex: number,
    private readonly spec: ClientSpec,
    private readonly service: ServiceTier,
    private readonly router: RegionPicker,
    private readonly writeRatio: number,
    private readonly ctx: ModelContext,
  ) {
    this.arrivals = ctx.streams.stream(`client:${name}:arrivals`);
    this.choices = ctx.streams.stream(`client:${name}:choices`);
    this.retryDelay = sampler(spec.retry_delay);
    this.meanGapS = spec.rate > 0 ? 1 / spec.rate : Infinity;
    if (spec.rate > 0) ctx.sim.schedule(this.gap(), this.arrive);
  }

  private gap(): number {
    return -Math.log(1 - this.arrivals()) * this.meanGapS;
  }

  private readonly arrive = (): void => {
    const t = this.ctx.sim.now;
    const req: ClientRequest = {
      classIndex: this.classIndex,
      arrivalT: t,
      isWrite: this.choices() < this.writeRatio,
      attempts: 0,
      commits: 0,
      done: false,
    };
    this.send(req);
    this.ctx.sim.schedule(this.gap(), this.arrive);
  };

  private send(req: ClientRequest): void {
    const { sim, recorder } = this.ctx;
    req.attempts++;
    recorder.attemptSent(sim.now);
    const attempt = new ClientAttempt(req, sim.now, this);
    sim.schedule(this.spec.timeout, this.timeout, attempt);
    const region = this.router.pick();
    if (region !== null) this.service.route(region, attempt);
  }

  private readonly timeout = (a: ClientAttempt): void => a.respond(false);

  /** Called once per attempt with its outcome. */
  settle(a: ClientAttempt, ok: boolean): void {
    const req = a.req;
    if (req.done) return;
    if (ok || req.attempts > this.spec.retries) {
      req.done = true;
      this.ctx.recorder.requestDone(req, this.ctx.sim.now, ok);
      return;
    }
    const delay = this.retryDelay(this.choices);
    if (delay <= 0) this.send(req);
    else this.ctx.sim.schedule(delay, this.retry, req);
  }

  private readonly retry = (req: ClientRequest): void => this.send(req);
}
