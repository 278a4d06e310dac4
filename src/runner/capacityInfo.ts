/**
 * What the Result says about each service's capacity curve (designs[].services[]): the curve
 * simulated (`capacity_curve`) and, when it was fitted to measured points, the fit's quality
 * (`capacity_fit`: R², residuals, standard errors). A property of the design's scenario, the same
 * in every replication, so it is taken from the scenario once rather than from the outcomes.
 */
import type { Scenario } from '../scenario/schema.js';
import type { ServiceCapacityResult } from './result.js';

/** Per service name that has a capacity curve, its Result fields. */
export type DesignCapacity = Record<string, ServiceCapacityResult>;

/** The capacity curves of one design (empty when none of its services has one). */
export function designCapacity(s: Scenario): DesignCapacity {
  const out: DesignCapacity = {};
  for (const [name, svc] of Object.entries(s.system.services)) {
    const c = svc.capacity;
    if (!c) continue;
    const m = c.model;
    out[name] = {
      capacity_curve: {
        curve: m.curve,
        base_s: m.baseS,
        sigma: m.sigma,
        kappa: m.kappa,
        ...(m.curve === 'linear' ? { slope_s: m.sigma * m.baseS } : {}),
        cancel_on_timeout: c.cancel_on_timeout,
        max_in_flight: svc.concurrency + Object.values(svc.bulkheads).reduce((n, b) => n + b.concurrency, 0),
      },
      ...(c.fit
        ? {
            capacity_fit: {
              points: c.fit.points.map((p) => ({ concurrency: p.concurrency, throughput_per_s: p.throughputPerS })),
              r2: c.fit.r2,
              residuals_per_s: c.fit.residualsPerS,
              std_err: { base_s: c.fit.stdErr.baseS, sigma: c.fit.stdErr.sigma, kappa: c.fit.stdErr.kappa },
            },
          }
        : {}),
    };
  }
  return out;
}
