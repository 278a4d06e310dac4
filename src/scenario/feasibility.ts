/**
 * Systems that can never serve a request, refused before they run: simulated, they would report
 * an availability of 0% (or hang) and leave the user to find out why. Each check names the field
 * that makes the system impossible and says why; it runs after the names are known to exist, on
 * the base and on every design.
 */
import { formatDuration } from '../engine/duration.js';
import { LIVENESS_ANSWER_S } from '../models/healthCheck.js';
import { startingInstances } from '../models/capacity/autoscaler.js';
import type { Segment } from './located.js';
import type { Scenario } from './schema.js';

/** Records a problem at a path of the scenario (value or key). */
export type Fail = (path: Segment[], message: string, at?: 'key' | 'value') => void;

/** Reports each impossible part of a scenario whose references are all defined. */
export function checkFeasibility(s: Scenario, fail: Fail): void {
  const { services, clients, global_router: router, operators } = s.system;
  // A runbook `scale` step brings instances up in a region the service starts without: the router
  // and a DNS failover may point there.
  const scaledInto = new Set(Object.values(operators).flatMap((o) => o.runbook.flatMap((st) => (st.step === 'scale' ? [`${st.service}/${st.region}`] : []))));
  const hasInstances = (svc: string, region?: string): boolean => {
    const instances = services[svc]?.instances ?? {};
    return region === undefined ? Object.values(instances).some((n) => n > 0) : (instances[region] ?? 0) > 0 || scaledInto.has(`${svc}/${region}`);
  };
  const routed = router ? (router.service ?? Object.keys(services)[0]) : undefined;

  for (const [name, svc] of Object.entries(services)) {
    const at: Segment[] = ['system', 'services', name];
    const scaling = svc.autoscaling;
    for (const [region, configured] of Object.entries(scaling ? svc.instances : {})) {
      const limit = s.system.regions[region]?.instance_limit;
      const start = startingInstances(configured, scaling);
      if (limit !== undefined && start > limit) {
        const byMin = start > configured;
        fail(byMin ? [...at, 'autoscaling', 'min'] : [...at, 'instances', region], `the group starts with ${start} instances in ${region} (its configured ${configured} kept within min..max), above that region's instance_limit of ${limit}: lower the ${byMin ? 'minimum' : 'configured count'} or raise the limit`);
      }
    }
    if (!hasInstances(name)) {
      const senders = Object.entries(clients).filter(([, c]) => c.service === name).map(([c]) => c);
      const by = senders.length > 0 ? `: client class${senders.length > 1 ? 'es' : ''} ${senders.join(', ')} send${senders.length > 1 ? '' : 's'} to it` : '';
      fail([...at, 'instances'], `service ${name} has no instances in any region, so it can never serve a request${by} (give it at least one instance, e.g. { ${Object.keys(s.system.regions)[0] ?? 'us-east'}: 2 })`);
    }
    const check = svc.health_check;
    if (check.interval === 0) fail([...at, 'health_check', 'interval'], 'a health check every 0s never lets simulated time advance: give it an interval such as 10s');
    // A deep check with a database answers after its query; any other answers after the liveness reply.
    const fastest = check.kind === 'deep' && svc.database !== undefined ? 0 : LIVENESS_ANSWER_S;
    if (check.timeout <= fastest) {
      const why = fastest > 0 ? `a live instance answers a check in ${formatDuration(fastest)}` : 'no check can answer in 0s';
      fail([...at, 'health_check', 'timeout'], `${why}, so a timeout of ${formatDuration(check.timeout)} fails every check and takes every instance out of rotation: use e.g. 2s`);
    }
  }

  if (router && routed !== undefined && Object.hasOwn(services, routed) && hasInstances(routed)) {
    router.regions.forEach((r, i) => {
      if (!hasInstances(routed, r)) {
        fail(['system', 'global_router', 'regions', i], `service ${routed} has no instances in ${r}, so requests the router sends there can never be served: give ${routed} instances in ${r} or remove it from the list`);
      }
    });
    for (const [op, spec] of Object.entries(operators)) {
      spec.runbook.forEach((step, i) => {
        if (step.step === 'failover_dns' && !hasInstances(routed, step.to)) {
          fail(['system', 'operators', op, 'runbook', i, 'to'], `service ${routed} has no instances in ${step.to}, so pointing the DNS there can never serve a request`);
        }
      });
    }
  }
  if (router) {
    if (router.mode === 'active_active' && router.weights && router.regions.every((r) => router.weights![r] === 0)) {
      fail(['system', 'global_router', 'weights'], `every region's weight is 0, so no region is meant to get traffic: give at least one of ${router.regions.join(', ')} a weight above 0`);
    }
    if (router.health_check.interval === 0) {
      fail(['system', 'global_router', 'health_check', 'interval'], 'a health check every 0s never lets simulated time advance: give it an interval such as 10s');
    }
  }

  for (const [name, client] of Object.entries(clients)) {
    if (client.timeout === 0) {
      fail(['system', 'clients', name, 'timeout'], 'a timeout of 0s ends every attempt before an answer can arrive, so no request of this class can succeed');
    }
  }
  const sending = Object.entries(clients).filter(([, c]) => c.rate > 0).map(([c]) => c);
  if (Object.keys(clients).length > 0 && sending.length === 0) {
    fail(['system', 'clients'], 'every client class has rate 0, so no request is ever sent: give at least one class a rate such as 100/s');
  } else if (s.slo.classes && s.slo.classes.length > 0 && s.slo.classes.every((c) => !sending.includes(c))) {
    fail(['slo', 'classes'], `the SLO counts only ${s.slo.classes.join(', ')}, which send${s.slo.classes.length > 1 ? '' : 's'} no request (rate 0), so it has nothing to measure`);
  }
  if (s.slo.latency === 0) {
    fail(['slo', 'latency'], 'an SLO latency of 0s counts every request as too slow, so the SLO can never hold: use the latency users accept, e.g. 500ms');
  }
}
