/**
 * A bad deploy of a service, rolled out in canary stages: each stage puts a share of the service's
 * instances (at least one) on the bad version, which fails `errorRate` of the requests it serves;
 * the next stage follows after the stage's time, and the last stays until rollback. Without
 * stages every instance gets the bad version at once. The blast radius is the share of traffic
 * the bad instances serve before the rollback.
 *
 * Detection (optional, an automated canary analysis): every 10 s the controller looks at the
 * requests the bad version answered over the last `windowS`; once there are at least
 * `minRequests` and their error ratio exceeds `errorRatio`, it declares the deploy bad and rolls
 * every instance back after `rollbackS`. Recovery phases: `detection` (from the deploy to the
 * decision) and `rollback`. Without detection the bad version stays until the fault ends (its
 * duration, or an operator's repair step: a rollback by hand).
 */
import type { Rng } from '../../engine/random.js';
import type { Instance } from '../instance.js';
import { SlidingCounts } from '../slidingCounts.js';
import type { ModelContext } from '../types.js';

const CHECK_S = 10;

/** What the fault says about the deploy (times in seconds). */
export interface BadDeploySpec {
  errorRate: number;
  stages: Array<{ share: number; forS: number }>;
  detection: { errorRatio: number; windowS: number; minRequests: number } | null;
  rollbackS: number;
}

/** One bad deploy in progress. */
export class BadDeploy {
  private stage = -1;
  private over = false;
  private detected = false;
  private readonly startT: number;
  /** Outcomes of the bad version over the detection window. */
  private readonly outcomes: SlidingCounts;
  private readonly observe = (ok: boolean): void => this.outcomes.add(this.ctx.sim.now, ok ? 1 : 0);

  constructor(
    private readonly spec: BadDeploySpec,
    private readonly instances: Instance[],
    private readonly rng: Rng,
    private readonly ctx: ModelContext,
    /** Called when the rollback is complete (the fault ends). */
    private readonly rolledBack: () => void,
  ) {
    this.startT = ctx.sim.now;
    this.outcomes = new SlidingCounts(spec.detection?.windowS ?? 1, ctx.sim.now);
    this.nextStage();
    if (spec.detection) ctx.sim.schedule(CHECK_S, this.check);
  }

  /** Instances on the bad version now. */
  get badInstances(): number {
    return this.instances.filter((i) => i.badDeploy !== null).length;
  }

  /** Every instance back on the good version (rollback done, or the fault ended). */
  end(): void {
    if (this.over) return;
    this.over = true;
    for (const i of this.instances) i.badDeploy = null;
  }

  private nextStage(): void {
    if (this.over || this.detected) return;
    this.stage++;
    const st = this.spec.stages[this.stage]!;
    const count = Math.min(this.instances.length, Math.max(1, Math.ceil(st.share * this.instances.length)));
    for (let k = 0; k < count; k++) this.instances[k]!.badDeploy ??= { errorRate: this.spec.errorRate, rng: this.rng, observe: this.observe };
    this.ctx.recorder.note(this.ctx.sim.now, 'deploy', `deploy stage ${this.stage + 1}/${this.spec.stages.length}: ${count} of ${this.instances.length} instances on the new version`);
    if (this.stage + 1 < this.spec.stages.length) this.ctx.sim.schedule(st.forS, () => this.nextStage());
  }

  private readonly check = (): void => {
    if (this.over || this.detected) return;
    const d = this.spec.detection!;
    const { good, total } = this.outcomes.sums(this.ctx.sim.now);
    if (total >= d.minRequests && (total - good) / total > d.errorRatio) return this.rollBack();
    this.ctx.sim.schedule(CHECK_S, this.check);
  };

  private rollBack(): void {
    this.detected = true;
    const t = this.ctx.sim.now;
    this.ctx.recorder.note(t, 'detection', `canary analysis: the new version fails more than ${(this.spec.detection!.errorRatio * 100).toFixed(1)}% of its requests; rolling back`);
    this.ctx.recorder.phase(t, 'detection', this.startT, t);
    this.ctx.sim.schedule(this.spec.rollbackS, () => {
      if (this.over) return;
      this.ctx.recorder.phase(this.ctx.sim.now, 'rollback', t, this.ctx.sim.now);
      this.end();
      this.rolledBack();
    });
  }
}
