/**
 * An on-call engineer. Paged when the SLO alert fires, reaches a keyboard after `paging`, then
 * works the runbook step by step, each step taking a sampled time. Before each step the engineer
 * looks at the dashboard: once the SLO holds again, the incident is over and the rest is skipped.
 *
 * Steps: diagnose; promote (a database replica, if the primary is still down); restore (a new
 * primary from the latest backup, if the primary is still down); restart_instances (one_by_one:
 * each instance out for `each`; all_at_once: the whole fleet out for `takes`); scale (provision
 * instances in a region up to a count; they then start up and pass their health checks);
 * failover_dns (pin the DNS answer to a region); repair (ends the fault); wait. Promote, restore,
 * scale and failover_dns act through a region's control plane (the promoted replica's, the
 * restored or scaled region's, the region DNS switches to): while it is down the step waits, and its own time starts when it
 * returns.
 *
 * An automation (a failover script run by the alert) is an operator with `paging: 0s` and no
 * diagnose step. Every step reports its interval as a recovery phase (see metrics/rtoPhases.ts):
 * the alert's detection, paging, diagnosis, promotion, restore, scale_up, dns_update,
 * instance_cycling / instance_restart, repair, wait.
 */
import { sampler } from '../engine/distributions.js';
import type { Rng } from '../engine/random.js';
import type { OperatorSpec, RunbookStep } from '../scenario/schema.js';
import type { Database } from './database.js';

import type { GlobalRouter } from './globalRouter.js';
import type { Monitor } from './monitor.js';
import type { ServiceTier } from './service.js';
import type { ModelContext } from './types.js';

/** What an operator can act on. */
export interface OperatorWorld {
  monitor: Monitor;
  services: Map<string, ServiceTier>;
  databases: Map<string, Database>;
  router: GlobalRouter | null;
  /** The faults a repair step ends; null: the scenario has no fault (a repair step repairs nothing). */
  fault: { repair(): void } | null;
}

/** One on-call rotation working its runbook. */
export class Operator {
  private readonly rng: Rng;
  private busy = false;

  constructor(
    readonly name: string,
    private readonly spec: OperatorSpec,
    private readonly world: OperatorWorld,
    private readonly ctx: ModelContext,
  ) {
    this.rng = ctx.streams.stream(`operator:${name}`);
    world.monitor.onPage(this.paged, spec.alert_after);
  }

  private readonly paged = (t: number): void => {
    if (this.busy) return;
    this.busy = true;
    this.ctx.recorder.note(t, 'page', `${this.name} paged: SLO alert`);
    // The alert detected a failure that began at the fault, whenever that was: the interval opens at -Infinity.
    this.ctx.recorder.phase(t, 'detection', -Infinity, t);
    this.after(sampler(this.spec.paging)(this.rng), () => {
      this.ctx.recorder.note(this.ctx.sim.now, 'operator', `${this.name} at the keyboard`);
      this.ctx.recorder.phase(this.ctx.sim.now, 'paging', t, this.ctx.sim.now);
      this.runStep(0);
    });
  };

  private runStep(i: number): void {
    const steps = this.spec.runbook;
    if (i >= steps.length) return this.finish('runbook complete');
    if (!this.world.monitor.violated()) return this.finish('SLO met again; stands down');
    this.execute(steps[i]!, () => this.runStep(i + 1));
  }

  private finish(why: string): void {
    this.busy = false;
    this.ctx.recorder.note(this.ctx.sim.now, 'operator', `${this.name}: ${why}`);
  }

  private execute(step: RunbookStep, next: () => void): void {
    const note = (text: string) => this.ctx.recorder.note(this.ctx.sim.now, 'operator', `${this.name}: ${text}`);
    let startT = this.ctx.sim.now;
    /** Reports the step's interval, from its start (or its release by the control plane) to now, as a recovery phase. */
    const done = (phase: string) => this.ctx.recorder.phase(this.ctx.sim.now, phase, startT, this.ctx.sim.now);
    /** Runs `act` once `region`'s control plane lets the step act; the step's own time starts then. */
    const gated = (region: string, act: () => void) => {
      if (!this.ctx.controlPlane.available(region, this.ctx.sim.now)) note(`waits for the control plane of ${region}`);
      this.ctx.controlPlane.whenAvailable(region, () => {
        startT = this.ctx.sim.now;
        act();
      });
    };
    switch (step.step) {
      case 'diagnose':
      case 'wait':
        note(step.step === 'diagnose' ? 'diagnosing' : 'waiting');
        return this.after(this.sample(step.takes), () => {
          done(step.step === 'diagnose' ? 'diagnosis' : 'wait');
          next();
        });
      case 'repair':
        note('repairing the fault');
        return this.after(this.sample(step.takes), () => {
          done('repair');
          this.world.fault?.repair();
          next();
        });
      case 'promote': {
        const db = this.world.databases.get(step.database)!;
        if (!db.primaryDown) {
          note(`${step.database} already has a live primary; no promotion needed`);
          return next();
        }
        note(`promoting a replica of ${step.database}`);
        const s = step.takes ? this.sample(step.takes) : db.samplePromotionS();
        return db.whenPromotable(() => {
          startT = this.ctx.sim.now;
          this.after(s, () => {
            if (!db.primaryDown) return next();
            if (db.promoteNow()) done('promotion');
            else note(`no live replica of ${step.database} to promote`);
            next();
          });
        });
      }
      case 'restore': {
        const db = this.world.databases.get(step.database)!;
        if (!db.primaryDown) {
          note(`${step.database} already has a live primary; no restore needed`);
          return next();
        }
        note(`restoring ${step.database} from its latest backup in ${step.region}`);
        const s = step.takes ? this.sample(step.takes) : db.backups!.sampleRestoreS();
        return gated(step.region, () =>
          this.after(s, () => {
            if (db.primaryDown && db.restoreFromBackup(step.region)) done('restore');
            next();
          }),
        );
      }
      case 'scale': {
        const tier = this.world.services.get(step.service)!;
        note(`provisioning ${step.service} in ${step.region} up to ${step.to} instances`);
        const takesS = this.sample(step.takes);
        return gated(step.region, () =>
          this.after(takesS, () => {
            // Provisioned: the new instances now start up, and serve one by one while they do.
            const startupS = tier.scaleTo(step.region, step.to);
            const now = this.ctx.sim.now;
            this.ctx.recorder.phase(now, 'scale_up', startT, now + startupS);
            this.after(startupS, next);
          }),
        );
      }
      case 'failover_dns':
      {
        note(`switching DNS to ${step.to}`);
        const takesS = this.sample(step.takes);
        return gated(step.to, () =>
          this.after(takesS, () => {
            done('dns_update');
            this.world.router?.pin(step.to);
            next();
          }),
        );
      }
      case 'restart_instances':
        return this.restart(step, next);
    }
  }

  private restart(step: Extract<RunbookStep, { step: 'restart_instances' }>, next: () => void): void {
    const instances = this.world.services.get(step.service)!.instances;
    if (step.mode === 'all_at_once') {
      const s = this.sample(step.takes ?? step.each ?? 60);
      this.ctx.recorder.note(this.ctx.sim.now, 'operator', `${this.name}: restarting all ${instances.length} ${step.service} instances at once`);
      this.ctx.recorder.phase(this.ctx.sim.now, 'instance_restart', this.ctx.sim.now, this.ctx.sim.now + s);
      for (const inst of instances) inst.restart(s);
      return this.after(s, next);
    }
    const one = (k: number): void => {
      if (k >= instances.length) return next();
      const s = this.sample(step.each ?? step.takes ?? 60);
      this.ctx.recorder.note(this.ctx.sim.now, 'operator', `${this.name}: restarting ${instances[k]!.name} (${k + 1}/${instances.length})`);
      this.ctx.recorder.phase(this.ctx.sim.now, 'instance_cycling', this.ctx.sim.now, this.ctx.sim.now + s);
      instances[k]!.restart(s);
      this.after(s, () => one(k + 1));
    };
    one(0);
  }

  private sample(spec: Parameters<typeof sampler>[0]): number {
    return sampler(spec)(this.rng);
  }

  private after(s: number, fn: () => void): void {
    this.ctx.sim.schedule(s, fn);
  }
}
