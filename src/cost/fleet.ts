/**
 * The fleet an autoscaled service really provisions, read from the Result (`designs[].autoscaling`):
 * per service and region, the mean instances provisioned before the fault (what a month of steady
 * state runs) and the instance-hours an incident adds above that fleet (negative when the incident
 * ran fewer), each a mean over the replications.
 */
import type { DesignResult } from '../runner/result.js';

/** One autoscaled service in one region, as priced. */
export interface ScaledFleet {
  /** Mean instances provisioned before the fault. */
  steadyInstances: number;
  /** Instance-hours per incident above the steady fleet, from the fault to the horizon. */
  extraInstanceHoursPerIncident: number;
}

/** Key of a service in a region. */
export function fleetKey(service: string, region: string): string {
  return `${service}@${region}`;
}

/** The autoscaled fleets of design `d` by fleetKey (empty without autoscaling, or a Result from before these figures). */
export function scaledFleets(d: DesignResult): Map<string, ScaledFleet> {
  const out = new Map<string, ScaledFleet>();
  for (const a of d.autoscaling ?? []) {
    const steady = a.steady_instances?.mean;
    const extraS = a.incident_extra_instance_s?.mean;
    if (typeof steady !== 'number' || typeof extraS !== 'number') continue;
    out.set(fleetKey(a.service, a.region), { steadyInstances: steady, extraInstanceHoursPerIncident: extraS / 3600 });
  }
  return out;
}
