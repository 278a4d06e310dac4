/**
 * Scenario format of a service's capacity curve (src/models/capacity/curve.ts): the time one
 * request takes grows with the requests in flight on its instance, linearly or by the Universal
 * Scalability Law, given by its parameters or fitted by least squares to measured
 * (concurrency, throughput) points of one instance (src/models/capacity/fit.ts). The fit happens
 * here, once per scenario, so the typed scenario carries the curve and the fit's quality.
 */
import { z } from 'zod';
import { linearCurve, type CapacityCurve } from '../models/capacity/curve.js';
import { fitCapacity, MIN_POINTS, type CapacityFit } from '../models/capacity/fit.js';
import { duration, positiveCount, rate } from './units.js';

const point = z.strictObject({
  concurrency: positiveCount.describe('Requests in flight on one instance during the measurement'),
  throughput: rate.refine((r) => r > 0, 'expected a throughput above 0').describe('Requests per second one instance completed at that concurrency'),
});

const PARAMS = { linear: ['base', 'slope'], usl: ['base', 'sigma', 'kappa'] } as const;
const ALL_PARAMS = ['base', 'slope', 'sigma', 'kappa'] as const;

/** What the typed scenario holds for a capacity curve. */
export interface CapacitySpec {
  /** The curve simulated: given, or fitted to `measured`. */
  model: CapacityCurve;
  /** The least-squares fit, when the curve was fitted to measured points. */
  fit: (CapacityFit & { points: Array<{ concurrency: number; throughputPerS: number }> }) | null;
  cancel_on_timeout: boolean;
}

/** A service's capacity curve; see the module comment. */
export const capacitySchema = z
  .strictObject({
    curve: z.enum(['linear', 'usl']).describe('linear: time per request = base + slope × (other requests in flight); usl: throughput n / (base (1 + sigma (n − 1) + kappa n (n − 1)))'),
    base: duration.optional().describe('Time of a lone request on an instance (usl: 1 / single-request throughput)'),
    slope: duration.optional().describe('linear: time each other request in flight adds to every request'),
    sigma: z.number().min(0).max(1).optional().describe('usl: contention (the serialised share), 0..1'),
    kappa: z.number().min(0).optional().describe('usl: coherence (crosstalk) cost, ≥ 0'),
    measured: z
      .array(point)
      .optional()
      .describe('Load-test points of one instance; the curve is fitted to them by least squares (instead of base/slope/sigma/kappa)'),
    cancel_on_timeout: z
      .boolean()
      .default(false)
      .describe('The server stops working on a request whose client timed out (default: it finishes it, wasted work)'),
  })
  .transform((c, ctx): CapacitySpec => {
    const wanted: readonly string[] = PARAMS[c.curve];
    let problems = 0;
    const bad = (path: string, message: string) => {
      problems++;
      ctx.addIssue({ code: 'custom', path: [path], message });
    };
    if (c.measured) {
      for (const k of ALL_PARAMS) if (c[k] !== undefined) bad(k, `give either measured points or ${wanted.join('/')}, not both`);
      const distinct = new Set(c.measured.map((p) => p.concurrency)).size;
      if (distinct < MIN_POINTS[c.curve]) {
        bad('measured', `a ${c.curve} fit needs points at ${MIN_POINTS[c.curve]} or more different concurrencies, got ${distinct}`);
        return z.NEVER;
      }
      const points = c.measured.map((p) => ({ concurrency: p.concurrency, throughputPerS: p.throughput }));
      const fit = fitCapacity(c.curve, points);
      if (typeof fit === 'string') {
        bad('measured', fit);
        return z.NEVER;
      }
      return { model: fit.curve, fit: { ...fit, points }, cancel_on_timeout: c.cancel_on_timeout };
    }
    for (const k of ALL_PARAMS) {
      if (wanted.includes(k) && c[k] === undefined) bad(k, `a ${c.curve} curve needs ${wanted.join(', ')} (or measured points to fit them)`);
      if (!wanted.includes(k) && c[k] !== undefined) bad(k, `${k} is not a parameter of a ${c.curve} curve (it takes ${wanted.join(', ')})`);
    }
    if (c.base !== undefined && !(c.base > 0)) bad('base', 'base must be longer than 0s');
    if (problems > 0) return z.NEVER;
    const model = c.curve === 'linear' ? linearCurve(c.base!, c.slope!) : { curve: 'usl' as const, baseS: c.base!, sigma: c.sigma!, kappa: c.kappa! };
    return { model, fit: null, cancel_on_timeout: c.cancel_on_timeout };
  });
