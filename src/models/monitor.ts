/**
 * What the on-call's alerting sees: the SLO success ratio over a sliding window of completed
 * requests (a request is good if it succeeded within the latency bound). It pages once the SLO
 * has been violated for `alertAfterS`, checking every `CHECK_S` seconds.
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
  private paged = false;
  private readonly pagers: Array<(t: number) => void> = [];

  constructor(
    private readonly slo: SloSpec,
    private readonly sim: Simulation,
    private readonly alertAfterS: number,
  ) {
    const n = Math.max(1, Math.ceil(slo.window));
    this.good = new Float64Array(n);
    this.total = new Float64Array(n);
    sim.schedule(CHECK_S, this.check);
  }

  /** Records one completed request. */
  observe(ok: boolean, latencyS: number): void {
    const s = this.roll();
    this.total[s]! += 1;
    if (ok && latencyS <= this.slo.latency) this.good[s]! += 1;
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

  /** Registers who is paged when the alert fires. */
  onPage(pager: (t: number) => void): void {
    this.pagers.push(pager);
  }

  private readonly check = (): void => {
    const now = this.sim.now;
    if (this.violated()) {
      if (Number.isNaN(this.violatedSinceT)) this.violatedSinceT = now;
      if (!this.paged && now - this.violatedSinceT >= this.alertAfterS) {
        this.paged = true;
        for (const p of this.pagers) p(now);
      }
    } else {
      this.violatedSinceT = NaN;
      this.paged = false;
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
