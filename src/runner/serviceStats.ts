/**
 * The `services[]` figures of one replication, from the instances' running totals (gathered from
 * the warm-up's end, see ServiceTier.startStats) once the simulation has stopped at the horizon.
 */
import type { ServiceOutcome } from '../metrics/outcome.js';
import type { InstanceStats } from '../models/instance.js';
import type { ServiceTier } from '../models/service.js';

/**
 * One service tier's outcome over the measured span `measuredS` (horizon − warm-up), in seconds.
 * Waits still in progress at the horizon are censored: they are not in `queue_wait_s` (their
 * length is unknown) but are counted in `censored_waits`.
 */
export function serviceOutcomeOf(name: string, tier: ServiceTier, measuredS: number): ServiceOutcome {
  // Instances a scale-in terminated served too: their figures count.
  const all = [...tier.instances, ...tier.retired];
  // Waits still in progress at the horizon, per region (in the order regions first appear).
  const censoredIn = new Map<string, number>();
  for (const i of all) censoredIn.set(i.host.region, (censoredIn.get(i.host.region) ?? 0) + i.queued);
  const regions = [...censoredIn.keys()];
  const byRegion = regions.map((region) => ({ region, stats: tier.statsIn(region), censored: censoredIn.get(region)! }));
  const whole = figuresOf(byRegion.map((r) => r.stats), byRegion.reduce((n, r) => n + r.censored, 0), measuredS);
  return {
    name,
    ...whole,
    ...(regions.length > 1 ? { regions: byRegion.map((r) => ({ region: r.region, ...figuresOf([r.stats], r.censored, measuredS) })) } : {}),
  };
}

/** The figures of the running totals of a tier's instances in some regions (all of them, or one), `censored` waits still in progress. */
function figuresOf(totals: InstanceStats[], censored: number, measuredS: number): Omit<ServiceOutcome, 'name' | 'regions'> {
  let completed = 0, accepted = 0, granted = 0, waited = 0, rejected = 0, waitS = 0, responseS = 0, busy = 0, capacity = 0;
  for (const s of totals) {
    completed += s.completed;
    accepted += s.accepted;
    granted += s.granted;
    waited += s.waited;
    rejected += s.rejected;
    waitS += s.waitS;
    responseS += s.responseS;
    busy += s.busySlotS;
    capacity += s.capacitySlotS;
  }
  return {
    throughput_per_s: completed / measuredS,
    utilization: capacity > 0 ? busy / capacity : 0,
    queue_wait_s: granted > 0 ? waitS / granted : 0,
    wait_probability: granted > 0 ? waited / granted : 0,
    censored_waits: censored,
    response_s: completed > 0 ? responseS / completed : 0,
    blocked_ratio: accepted + rejected > 0 ? rejected / (accepted + rejected) : 0,
  };
}
