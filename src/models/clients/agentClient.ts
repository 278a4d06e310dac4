/**
 * AI agents: each arrival is a workflow of `steps` steps; a step makes `fan_out` tool calls in
 * parallel, each its own logical request with its own retry loop (often with no backoff). When a
 * step has a failed call, the whole workflow starts again from the first step, up to `restarts`
 * times (each restart is a retry: a retry budget, if the class has one, must grant it); then it
 * gives up. Calls of a restarted workflow are re-issues: their attempts count, but
 * they are not new unique requests.
 *
 * Under total failure a workflow sends fan_out × (retries + 1) × (restarts + 1) attempts
 * (see policies/attempts.ts).
 */
import type { Sampler } from '../../engine/distributions.js';
import type { Rng } from '../../engine/random.js';
import type { PolicyState, PolicyStates } from '../policies/fromSpec.js';
import { newRequest, type ClientRequest, type ModelContext } from '../types.js';
import { startArrivals, startSurge, type ArrivalShape } from './arrivals.js';
import type { CallLoop } from './callLoop.js';
import type { ClientRegions } from './clientRegions.js';

/** Shape of an agent workflow. */
export interface WorkflowSpec {
  steps: number;
  fanOut: number;
  restarts: number;
  thinkTime: Sampler;
}

interface Workflow {
  state: PolicyState;
  step: number;
  run: number;
  pending: number;
  failed: boolean;
  /** The agent's region (every call of the workflow comes from it); −1: none. */
  region: number;
}

/** A class of agent workflows. */
export class AgentClient {
  constructor(
    readonly name: string,
    readonly classIndex: number,
    private readonly rate: number,
    shape: ArrivalShape,
    private readonly workflow: WorkflowSpec,
    private readonly loop: CallLoop,
    private readonly states: PolicyStates,
    private readonly writeRatio: number,
    private readonly choices: Rng,
    arrivals: Rng,
    private readonly ctx: ModelContext,
    /** Where the agents run (null: no network time modelled). */
    private readonly regions: ClientRegions | null = null,
  ) {
    startArrivals(ctx.sim, arrivals, rate, shape, this.arrive);
  }

  /** A traffic spike: `factor` × its base rate from now (extra arrivals drawn from `rng`) until the returned function is called. */
  surge(factor: number, rng: Rng): () => void {
    return startSurge(this.ctx.sim, rng, this.rate * (factor - 1), this.arrive);
  }

  private readonly arrive = (): void => {
    this.runStep({ state: this.states.next(), step: 0, run: 0, pending: 0, failed: false, region: this.regions ? this.regions.pick() : -1 });
  };

  private runStep(w: Workflow): void {
    w.pending = this.workflow.fanOut;
    w.failed = false;
    for (let i = 0; i < this.workflow.fanOut; i++) {
      const req = newRequest(this.classIndex, this.ctx.sim.now, this.choices() < this.writeRatio, w.run > 0);
      req.clientRegion = w.region;
      this.loop.start(req, w.state, this.callDone, w);
    }
  }

  /** A call of the workflow's current step ended (the call loop has recorded it). */
  private readonly callDone = (_req: ClientRequest, ok: boolean, w: Workflow): void => {
    if (!ok) w.failed = true;
    if (--w.pending > 0) return;
    if (w.failed) {
      const budget = w.state.budget;
      if (w.run >= this.workflow.restarts || (budget && !budget.canRetry(this.ctx.sim.now, 'error'))) {
        return this.ctx.recorder.workflowDone(this.classIndex, false);
      }
      // The restart is granted and paid for; it is not an attempt in flight (its calls are).
      budget?.onRetryAbandoned?.(this.ctx.sim.now);
      w.run++;
      w.step = 0;
      return this.runStep(w);
    }
    if (++w.step >= this.workflow.steps) return this.ctx.recorder.workflowDone(this.classIndex, true);
    const think = this.workflow.thinkTime(this.choices);
    if (think > 0) this.ctx.sim.schedule(think, this.nextStep, w);
    else this.runStep(w);
  };

  private readonly nextStep = (w: Workflow): void => this.runStep(w);
}
