/**
 * Builds a client class from its scenario description: its call loop (timeout, retries with
 * backoff or think time, Retry-After), its policy state per population (breaker, retry budget),
 * its sessions' token check (when it has sessions), and the arrival of requests (humans, API
 * clients) or workflows (agents).
 */
import { sampler } from '../../engine/distributions.js';
import type { ClientSpec } from '../../scenario/policySchema.js';
import type { CircuitBreaker } from '../policies/circuitBreaker.js';
import { makeBreaker, makeBudget, PolicyStates } from '../policies/fromSpec.js';
import type { ModelContext, RegionPicker, ServiceEntry } from '../types.js';
import { AgentClient } from './agentClient.js';
import { CallLoop } from './callLoop.js';
import { ClientRegions } from './clientRegions.js';
import { RequestClient } from './requestClient.js';
import { TokenGate } from './tokenGate.js';

/** Default agent workflow when an agent class does not describe one. */
export const DEFAULT_WORKFLOW = { steps: 3, fan_out: 10, restarts: 2, think_time: 0 };

/** Creates the client class; its long-lived breakers are added to `breakers`. */
export function makeClient(
  name: string,
  classIndex: number,
  spec: ClientSpec,
  entry: ServiceEntry,
  router: RegionPicker,
  writeRatio: number,
  ctx: ModelContext,
  breakers: CircuitBreaker[],
): RequestClient | AgentClient {
  const { streams } = ctx;
  const s = spec.sessions;
  const gated = s ? new TokenGate(s.count, s.token_lifetime, entry, streams.stream(`client:${name}:sessions`), ctx) : entry;
  const loop = new CallLoop(
    {
      timeoutS: spec.timeout,
      retries: spec.retries,
      retryDelay: sampler(spec.retry_delay),
      backoff: spec.backoff ?? null,
      honourRetryAfter: spec.honour_retry_after,
      breakerScope: spec.breaker?.scope ?? 'all',
    },
    gated,
    router,
    streams.stream(`client:${name}:retries`),
    ctx,
  );
  const states = new PolicyStates(
    () => ({ breaker: spec.breaker ? makeBreaker(spec.breaker) : null, budget: spec.retry_budget ? makeBudget(spec.retry_budget) : null }),
    spec.population,
    streams.stream(`client:${name}:population`),
  );
  breakers.push(...states.breakers());
  const regions = spec.regions ? new ClientRegions(spec.regions, ctx.topology, streams.stream(`client:${name}:regions`)) : null;
  const choices = streams.stream(`client:${name}:choices`);
  const arrivals = streams.stream(`client:${name}:arrivals`);
  if (spec.kind === 'agent') {
    const w = spec.workflow ?? DEFAULT_WORKFLOW;
    const workflow = { steps: w.steps, fanOut: w.fan_out, restarts: w.restarts, thinkTime: sampler(w.think_time) };
    return new AgentClient(name, classIndex, spec.rate, spec.arrival, workflow, loop, states, writeRatio, choices, arrivals, ctx, regions);
  }
  return new RequestClient(name, classIndex, spec.rate, spec.arrival, loop, states, writeRatio, choices, arrivals, ctx, regions);
}
