/**
 * What the on-call's alerting sees: the SLO success ratio over a sliding window of completed
 * requests (a request is good if it succeeded within the latency bound). Each subscriber (an
 * operator's alert rule) is paged once the SLO has been violated for its own `alertAfterS`,
 * checking every `CHECK_S` seconds, and re-armed when the SLO holds again.
 */
import type { SloSpec } from '../scenario/schema.js';
import type { Simulation } from '../engine/sim.js';

const CHECK_S = 10;

/** Sliding-window SLO monitor that raises a page. */
export class Monitor {
  private readonly good: Float64Array;
  private readonly total: Float64Array;
  private violatedSinceT = NaN;
  /** The second the ring was last advanced to. */
  private lastSecond = 0;
  private readonly pagers: Array<{ page: (t: number) => void; alertAfterS: number; paged: boolean }> = [];

  constructor(
    private readonly slo: SloSpec,
    private readonly sim: Simulation,
    /** Alert delay of a subscriber that names none. */
    private readonly defaultAlertAfterS = 60,
  ) {
    const n = Math.max(1, Math.ceil(slo.window));
    this.good = new Float64Array(n);
    this.total = new Float64Array(n);
    sim.schedule(CHECK_S, this.check);
  }

  /**
   * Records one completed request: `ok` is whether it succeeded, or what its success is worth
   * (0..1, a degraded answer counting as its fallback's `success_value`).
   */
  observe(ok: boolean | number, latencyS: number): void {
    const s = this.roll();
    this.total[s]! += 1;
    const value = typeof ok === 'number' ? ok : ok ? 1 : 0;
    if (latencyS <= this.slo.latency) this.good[s]! += value;
  }

  /** Whether the window currently breaks the SLO (an empty window does not). */
  violated(): boolean {
    this.roll();
    let g = 0;
    let t = 0;
    for (let i = 0; i < this.total.length; i++) {
      g += this.good[i]!;
      t += this.total[i]!;
    }
    return t > 0 && g / t < this.slo.success_ratio;
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

  /** Advances the ring to the current second, clearing seconds that left the window. */
  private roll(): number {
    const sec = Math.floor(this.sim.now);
    const n = this.total.length;
    const steps = Math.min(n, sec - this.lastSecond);
    for (let i = 1; i <= steps; i++) {
      const k = (this.lastSecond + i) % n;
      this.good[k] = 0;
      this.total[k] = 0;
    }
    if (sec > this.lastSecond) this.lastSecond = sec;
    return sec % n;
  }
}
