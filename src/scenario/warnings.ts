/**
 * Warnings: settings a scenario writes that cannot apply in the combination it sets, so the
 * simulation ignores them (a router's weights in active_passive, a sync replica's lag, …). The
 * scenario still runs; the user is told, at the field, that changing it changes nothing. A
 * warning fires only for a field the user wrote (in the file, an include, a design or a --set),
 * never for one the schema filled in with its default.
 */
import type { Problem } from './errors.js';
import { lookup, originOf, type LNode, type Segment } from './located.js';
import type { BreakerSpec } from './policySchema.js';
import type { Scenario } from './schema.js';

/** Every setting written in `root` that `s` (the same tree, validated) cannot apply. */
export function settingWarnings(s: Scenario, root: LNode): Problem[] {
  const out: Problem[] = [];
  const warn = (path: Segment[], message: string): void => {
    if (lookup(root, path).found) out.push({ ...originOf(root, path, 'key'), message });
  };
  const breaker = (at: Segment[], spec: BreakerSpec | undefined): void => {
    if (spec && 'trip' in spec && spec.trip.kind === 'ratio' && spec.trip.window_calls !== undefined) {
      warn([...at, 'breaker', 'trip', 'window'], 'ignored: with window_calls the breaker counts the last N calls, not a time window (remove one of the two)');
    }
  };
  const { services, clients, databases, global_router: router } = s.system;

  for (const [name, svc] of Object.entries(services)) {
    const at: Segment[] = ['system', 'services', name];
    if (svc.health_check.kind === 'deep' && svc.database === undefined) {
      warn([...at, 'health_check', 'kind'], `a deep check queries the service's database, but service ${name} has none: it checks only that the process answers, as liveness does`);
    }
    svc.calls.forEach((call, i) => breaker([...at, 'calls', i], call.breaker));
  }
  for (const [name, client] of Object.entries(clients)) {
    const at: Segment[] = ['system', 'clients', name];
    if (client.backoff !== undefined) warn([...at, 'retry_delay'], 'ignored: backoff sets the wait before each retry (retry_delay applies only without backoff)');
    breaker(at, client.breaker);
  }
  for (const [name, db] of Object.entries(databases)) {
    const at: Segment[] = ['system', 'databases', name];
    db.replicas.forEach((replica, i) => {
      if (replica.mode === 'sync') warn([...at, 'replicas', i, 'lag'], 'ignored: a sync replica has every committed write, so it has no lag (lag applies to async replicas)');
    });
    if (db.promotion.mode === 'manual') {
      warn([...at, 'promotion', 'detection'], 'ignored: with mode manual nothing detects the failure automatically; an operator\'s promote step promotes (detection applies to mode automated)');
    }
  }
  if (router?.mode === 'active_passive') {
    warn(['system', 'global_router', 'weights'], 'ignored: active_passive sends all traffic to the first healthy region in regions order (weights apply to active_active)');
  }
  if (router?.mode === 'active_active') {
    warn(['system', 'global_router', 'failback'], 'ignored: in active_active a region takes its share back as soon as it is healthy (failback applies to active_passive)');
  }
  return out;
}
