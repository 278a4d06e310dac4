/**
 * The sessions of a client class and their tokens (the token service of case F). Each request
 * belongs to one of `count` user sessions, drawn uniformly when it is first sent (its retries stay
 * in that session). A session's token is valid for `lifetimeS` seconds; tokens in use at the start
 * were issued at spread times, so their first expiries are uniform over [0, lifetime].
 *
 * An attempt whose session holds a valid token goes straight on: existing sessions keep working
 * whatever the control plane does. An attempt whose token has expired needs a new one, issued by
 * the control plane of the region the attempt is sent to: when it is available the token is
 * renewed (valid `lifetimeS` from now; issuance time is not modelled) and the attempt goes on;
 * when it is down the attempt fails at once (login refused) and the client's retry policy
 * decides. So during a control-plane outage of length D the share of sessions locked out grows as
 * min(1, D / lifetime).
 */
import type { Rng } from '../../engine/random.js';
import type { Attempt, ModelContext, ServiceEntry } from '../types.js';

/** Time a refused token request takes to come back, seconds. */
const REFUSAL_S = 0.001;

/** Token check in front of a service entry, for one client class. */
export class TokenGate implements ServiceEntry {
  /** Expiry time of each session's token, simulation seconds. */
  private readonly expiresT: Float64Array;

  constructor(
    private readonly count: number,
    private readonly lifetimeS: number,
    private readonly inner: ServiceEntry,
    private readonly rng: Rng,
    private readonly ctx: ModelContext,
  ) {
    this.expiresT = new Float64Array(count);
    for (let i = 0; i < count; i++) this.expiresT[i] = rng() * lifetimeS;
  }

  route(region: string, attempt: Attempt): void {
    const req = attempt.req;
    if (req.session < 0) req.session = Math.floor(this.rng() * this.count);
    const now = this.ctx.sim.now;
    if (this.expiresT[req.session]! <= now) {
      if (!this.ctx.controlPlane.available(region, now)) {
        this.ctx.sim.schedule(REFUSAL_S, refuse, attempt);
        return;
      }
      this.expiresT[req.session] = now + this.lifetimeS;
    }
    this.inner.route(region, attempt);
  }

  /** Sessions whose token has expired at `now` (they need the control plane to go on). */
  expiredSessions(now: number): number {
    let n = 0;
    for (let i = 0; i < this.count; i++) if (this.expiresT[i]! <= now) n++;
    return n;
  }
}

function refuse(attempt: Attempt): void {
  attempt.respond(false);
}
