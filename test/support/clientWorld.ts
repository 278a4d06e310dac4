/**
 * A client class built by `makeClient` from its scenario spec, in front of a scripted fake
 * service: the test says what the service does with each attempt it receives (answer ok or not,
 * after how long, with a 429 and Retry-After, or never). Everything between (arrivals, call
 * loop, timeouts, retries, backoff, budgets, breakers, workflows) is the real model code.
 */
import { makeClient } from '../../src/models/clients/fromSpec.js';
import type { CircuitBreaker } from '../../src/models/policies/circuitBreaker.js';
import type { Attempt, ClientRequest, ResponseDetail, ServiceEntry } from '../../src/models/types.js';
import { harness, type Harness } from './modelHarness.js';
import { clientSpec } from './specs.js';

/** What the fake service does with the n-th attempt it receives (0-based). */
export type Behaviour = (attempt: Attempt, n: number, h: Harness) => void;

/** One attempt as the fake service received it. */
export interface Routed {
  t: number;
  req: ClientRequest;
}

export interface ClientWorld {
  h: Harness;
  /** Every attempt that reached the service, in order. */
  routed: Routed[];
  /** The class's long-lived breakers (shared or long_lived populations). */
  breakers: CircuitBreaker[];
}

/** Builds the class `spec` (scenario fields, e.g. `{ rate: '1/s', retries: 2 }`) against a service behaving as `behaviour`. */
export function clientWorld(spec: Record<string, unknown>, behaviour: Behaviour, seed: number | string = 'client-test'): ClientWorld {
  const h = harness(seed);
  const routed: Routed[] = [];
  let n = 0;
  const entry: ServiceEntry = {
    route: (_region, a) => {
      routed.push({ t: h.sim.now, req: a.req });
      behaviour(a, n++, h);
    },
  };
  const breakers: CircuitBreaker[] = [];
  makeClient('c', 0, clientSpec(spec), entry, { pick: () => 'east' }, 0, h, breakers);
  return { h, routed, breakers };
}

/** The service answers every attempt after `afterS` seconds. */
export const answer = (afterS: number, ok: boolean, detail?: ResponseDetail): Behaviour => (a, _n, h) => {
  h.sim.schedule(afterS, () => a.respond(ok, detail));
};

/** The service never answers: every attempt times out. */
export const never: Behaviour = () => {};

/** The attempts of each logical request, by request, in send order. */
export function attemptsByRequest(routed: Routed[]): Map<ClientRequest, number[]> {
  const m = new Map<ClientRequest, number[]>();
  for (const r of routed) {
    const times = m.get(r.req);
    if (times) times.push(r.t);
    else m.set(r.req, [r.t]);
  }
  return m;
}
