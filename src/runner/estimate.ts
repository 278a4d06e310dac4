/**
 * How much work a run is, before it starts: the client requests it will simulate, summed over
 * designs and replications. A request is one unique request of a client class (an agent's
 * workflow counts its steps × fan-out tool calls); retries are not counted, so a retry storm costs
 * more than its estimate. The count is the expected number of arrivals over the horizon of each
 * design (the integral of the class's arrival rate, spikes and diurnal shape included).
 *
 * The time it would take comes from SECONDS_PER_REQUEST, a CPU cost per estimated request
 * measured on the shipped scenarios (`npm run bench`, section `estimate`); the CLI refuses runs
 * above WORK_LIMIT_REQUESTS unless forced.
 */
import { DEFAULT_WORKFLOW } from '../models/clients/fromSpec.js';
import { rateAt, type ArrivalShape } from '../models/clients/arrivals.js';
import type { Scenario } from '../scenario/schema.js';

/**
 * CPU seconds per estimated client request, measured on this project's 2-core reference machine:
 * above the highest of the shipped scenarios (bench section `estimate`, 3 December 2026:
 * backup-region-quotas 3.9 µs, whose webhook queue is work no client request counts; the others
 * 0.6–2.0 µs), so estimates err long.
 */
export const SECONDS_PER_REQUEST = 4e-6;

/** Above this many simulated requests, the CLI refuses to start without --force (≈ 11 CPU-hours). */
export const WORK_LIMIT_REQUESTS = 1e10;

/** Steps of the numerical integral of a non-constant arrival rate over the horizon. */
const RATE_STEPS = 1000;

/** Expected arrivals of a rate shape over [0, horizon): exact for steady and spike, midpoint rule otherwise. */
function expectedArrivals(ratePerS: number, shape: ArrivalShape, horizonS: number): number {
  switch (shape.kind) {
    case 'steady':
      return ratePerS * horizonS;
    case 'spike': {
      const overlap = Math.max(0, Math.min(horizonS, shape.at + shape.duration) - Math.max(0, shape.at));
      return ratePerS * (horizonS + (shape.factor - 1) * overlap);
    }
    case 'diurnal': {
      const dt = horizonS / RATE_STEPS;
      let sum = 0;
      for (let i = 0; i < RATE_STEPS; i++) sum += rateAt(ratePerS, shape, (i + 0.5) * dt);
      return sum * dt;
    }
  }
}

/** Expected client requests of one replication of a scenario (all classes, retries excluded). */
export function requestsPerReplication(scenario: Scenario): number {
  let total = 0;
  for (const c of Object.values(scenario.system.clients)) {
    const arrivals = expectedArrivals(c.rate, c.arrival, scenario.horizon);
    const w = c.kind === 'agent' ? (c.workflow ?? DEFAULT_WORKFLOW) : undefined;
    total += w ? arrivals * w.steps * w.fan_out : arrivals;
  }
  return total;
}

/** The work of a run: requests per replication of each design, and their total. */
export interface WorkEstimate {
  /** Replications of every design. */
  replications: number;
  designs: Array<{ name: string; requestsPerReplication: number }>;
  /** Simulated client requests of the whole run. */
  requests: number;
  /** Estimated CPU seconds (SECONDS_PER_REQUEST per request). */
  cpuS: number;
}

/** Estimates the work of `replications` replications of every design. */
export function estimateWork(designs: Array<{ name: string; scenario: Scenario }>, replications: number): WorkEstimate {
  const per = designs.map((d) => ({ name: d.name, requestsPerReplication: requestsPerReplication(d.scenario) }));
  const requests = per.reduce((a, d) => a + d.requestsPerReplication, 0) * replications;
  return { replications, designs: per, requests, cpuS: requests * SECONDS_PER_REQUEST };
}
