/**
 * What each autoscaler did in one replication, and what its service provisioned in its region for
 * pricing (src/cost reads these figures from the Result, never re-simulates): the mean instances
 * provisioned in steady state before the fault (from the warm-up, which leaves out the start-up
 * transient, to the fault), the instance-seconds from the fault to the horizon, and their part
 * above that steady fleet. Provisioned: in the load balancer whatever its state, or draining;
 * warm-pool instances are stopped and not counted.
 */
import type { AutoscalingOutcome } from '../metrics/outcome.js';
import type { Autoscaler } from '../models/capacity/autoscaler.js';
import type { ServiceTier } from '../models/service.js';
import type { Simulation } from '../engine/sim.js';

/**
 * Starts metering the fleets of `autoscalers` (call before the run); the returned function, called
 * after the run stopped at `horizonS`, gives their outcomes. `faultStartT`: null without a fault.
 * Steady fleet: the mean over [warm-up, fault start) (no fault: [warm-up, horizon)); a fault at or
 * before the warm-up's end leaves the instances provisioned when it starts.
 */
export function meterAutoscaling(
  autoscalers: Autoscaler[],
  services: ReadonlyMap<string, ServiceTier>,
  sim: Simulation,
  faultStartT: number | null,
  warmupS: number,
  horizonS: number,
): () => AutoscalingOutcome[] {
  const tiers = autoscalers.map((a) => services.get(a.service)!);
  const area = (i: number) => tiers[i]!.instanceSecondsIn(autoscalers[i]!.region);
  const incident = faultStartT !== null && faultStartT < horizonS;
  const steadyFromT = Math.min(warmupS, horizonS);
  const steadyToT = incident ? faultStartT : horizonS;
  const atSteadyFrom: number[] = [];
  const atFault: number[] = [];
  const countAtFault: number[] = [];
  sim.at(steadyFromT, () => autoscalers.forEach((_, i) => atSteadyFrom.push(area(i))));
  if (incident) {
    sim.at(faultStartT, () =>
      autoscalers.forEach((a, i) => {
        atFault.push(area(i));
        countAtFault.push(tiers[i]!.provisionedIn(a.region));
      }),
    );
  }
  return () =>
    autoscalers.map((a, i) => {
      const total = area(i);
      const steady = steadyToT > steadyFromT ? ((incident ? atFault[i]! : total) - atSteadyFrom[i]!) / (steadyToT - steadyFromT) : countAtFault[i]!;
      const during = incident ? total - atFault[i]! : 0;
      return {
        service: a.service,
        region: a.region,
        scale_outs: a.stats.scaleOuts,
        refused_insufficient_capacity: a.stats.refusedInsufficientCapacity,
        max_instances: a.stats.maxInstances,
        scale_ins: a.stats.scaleIns,
        steady_instances: steady,
        incident_instance_s: during,
        incident_extra_instance_s: incident ? during - steady * (horizonS - faultStartT) : 0,
      };
    });
}
