/**
 * What the on-call's alerting sees: the SLO success ratio over a sliding window of completed
 * requests (a request is good if it succeeded within the latency bound). Each subscriber (an
 * operator's alert rule) is paged once the SLO has been violated for its own `alertAfterS`,
 * checking every `CHECK_S` seconds, and re-armed when the SLO holds again.
 */
import type { SloSpec } from '../scenario/schema.js';
import type { Simulation } from '../engine/sim.js';
import { SlidingCounts } from './slidingCounts.js';

const CHECK_S = 10;

/** Sliding-window SLO monitor that raises a page. */
export class Monitor {
  private readonly window: SlidingCounts;
  private violatedSinceT = NaN;
  private readonly pagers: Array<{ page: (t: number) => void; alertAfterS: number; paged: boolean }> = [];

  constructor(
    private readonly slo: SloSpec,
    private readonly sim: Simulation,
    /** Alert delay of a subscriber that names none. */
    private readonly defaultAlertAfterS = 60,
  ) {
    this.window = new SlidingCounts(slo.window);
    sim.schedule(CHECK_S, this.check);
  }

  /**
   * Records one completed request: `ok` is whether it succeeded, or what its success is worth
   * (0..1, a degraded answer counting as its fallback's `success_value`).
   */
  observe(ok: boolean | number, latencyS: number): void {
    const value = typeof ok === 'number' ? ok : ok ? 1 : 0;
    this.window.add(this.sim.now, latencyS <= this.slo.latency ? value : 0);
  }

  /** Whether the window currently breaks the SLO (an empty window does not). */
  violated(): boolean {
    const { good, total } = this.window.sums(this.sim.now);
    return total > 0 && good / total < this.slo.success_ratio;
  }

  /** Registers who is paged once the SLO has been broken for `alertAfterS` seconds. */
  onPage(pager: (t: number) => void, alertAfterS = this.defaultAlertAfterS): void {
    this.pagers.push({ page: pager, alertAfterS, paged: false });
  }

  private readonly check = (): void => {
    const now = this.sim.now;
    if (this.violated()) {
      if (Number.isNaN(this.violatedSinceT)) this.violatedSinceT = now;
      for (const p of this.pagers) {
        if (p.paged || now - this.violatedSinceT < p.alertAfterS) continue;
        p.paged = true;
        p.page(now);
      }
    } else {
      this.violatedSinceT = NaN;
      for (const p of this.pagers) p.paged = false;
    }
    this.sim.schedule(CHECK_S, this.check);
  };
}
