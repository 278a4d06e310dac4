/**
 * A circuit breaker (closed / open / half-open) driven by simulation time, in the style of
 * cockatiel's CircuitBreakerPolicy: a `TripStrategy` decides when to open; the breaker owns the states.
 *
 * Exact semantics:
 * - closed: `allow` is true. `success` and `failure` go to the strategy; when `failure` returns
 *   true the breaker opens at that time.
 * - open: `allow` is false (the call is short-circuited: fail fast or fall back) until `openS`
 *   seconds after opening. The first `allow(nowS)` with nowS ≥ openedAt + openS moves the breaker
 *   to half-open (lazily: `state` reads 'open' until then) and is answered as in half-open.
 * - half-open: the first `halfOpenProbes` calls to `allow` are true (the probes), later ones false.
 *   When all probes have succeeded the breaker closes; the first probe failure reopens it (with a
 *   fresh `openS`), and outstanding probes' results are then stale.
 * - The strategy is reset whenever the breaker opens or closes, so each closed period starts clean.
 * - Results of calls allowed in an earlier state are stale. A caller that reads `epoch` right after
 *   a true `allow` and passes it to `success`/`failure` has stale results ignored; without an
 *   epoch a result counts for the current state (results arriving while open are always ignored).
 * - Every allowed call must report exactly one result (a timeout is a failure), or a half-open
 *   breaker waits forever for its probes.
 */

/** The three states; 'half_open' lets a limited number of probe calls through. */
export type BreakerState = 'closed' | 'open' | 'half_open';

/** A trip strategy only answers success()/failure() → should open (cockatiel style). */
export interface TripStrategy {
  success(nowS: number): void;
  /** Records a failure; true if the breaker should open. */
  failure(nowS: number): boolean;
  /** Forgets all history. */
  reset(): void;
}

/** Options of a CircuitBreaker; see the module comment. */
export interface CircuitBreakerOptions {
  strategy: TripStrategy;
  /** Seconds the breaker stays open before admitting probes. */
  openS: number;
  /** Calls allowed while half-open; all must succeed to close; any failure reopens. */
  halfOpenProbes: number;
  /** Called on every transition, with its time. */
  onStateChange?: (s: BreakerState, nowS: number) => void;
}

/** Closed/open/half-open state machine over a TripStrategy; see the module comment. */
export class CircuitBreaker {
  readonly strategy: TripStrategy;
  readonly openS: number;
  readonly halfOpenProbes: number;
  private readonly onStateChange: ((s: BreakerState, nowS: number) => void) | undefined;
  private st: BreakerState = 'closed';
  private ep = 0;
  private openedAtS = -Infinity;
  private probesAllowed = 0;
  private probesSucceeded = 0;

  constructor(opts: CircuitBreakerOptions) {
    if (!(opts.openS >= 0 && opts.openS < Infinity)) throw new RangeError(`CircuitBreaker: openS must be a finite number of seconds >= 0, got ${opts.openS}`);
    if (!(Number.isInteger(opts.halfOpenProbes) && opts.halfOpenProbes >= 1)) {
      throw new RangeError(`CircuitBreaker: halfOpenProbes must be an integer >= 1, got ${opts.halfOpenProbes}`);
    }
    this.strategy = opts.strategy;
    this.openS = opts.openS;
    this.halfOpenProbes = opts.halfOpenProbes;
    this.onStateChange = opts.onStateChange;
  }

  /** The current state; open → half_open happens lazily on the first allow() after openS. */
  get state(): BreakerState { return this.st; }
  /** Increments on every transition; identifies the state a call was allowed in. */
  get epoch(): number { return this.ep; }
  /** Time the breaker last opened, seconds (−Infinity if never). */
  get openedAt(): number { return this.openedAtS; }

  /** True if a call may go ahead now; false means it is short-circuited. */
  allow(nowS: number): boolean {
    if (this.st === 'closed') return true;
    if (this.st === 'open') {
      if (nowS < this.openedAtS + this.openS) return false;
      this.probesAllowed = 0;
      this.probesSucceeded = 0;
      this.transition('half_open', nowS);
    }
    if (this.probesAllowed >= this.halfOpenProbes) return false;
    this.probesAllowed++;
    return true;
  }

  /** Reports a successful call; `epoch` (optional) is the value read after its `allow`. */
  success(nowS: number, epoch?: number): void {
    if (epoch !== undefined && epoch !== this.ep) return;
    if (this.st === 'closed') this.strategy.success(nowS);
    else if (this.st === 'half_open' && ++this.probesSucceeded >= this.halfOpenProbes) {
      this.strategy.reset();
      this.transition('closed', nowS);
    }
  }

  /** Reports a failed call (errors and timeouts alike); `epoch` as for `success`. */
  failure(nowS: number, epoch?: number): void {
    if (epoch !== undefined && epoch !== this.ep) return;
    if (this.st === 'open') return;
    if (this.st === 'closed' && !this.strategy.failure(nowS)) return;
    this.strategy.reset();
    this.openedAtS = nowS;
    this.transition('open', nowS);
  }

  private transition(s: BreakerState, nowS: number): void {
    this.st = s;
    this.ep++;
    this.onStateChange?.(s, nowS);
  }
}
