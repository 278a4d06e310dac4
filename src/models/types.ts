/**
 * Small interfaces through which the domain models talk to each other and report what happens.
 * Models never reach into metrics: they call a `Recorder`.
 */
import { withBit } from './bits.js';
import type { Simulation } from '../engine/sim.js';
import type { RandomStreams } from '../engine/random.js';
import type { ControlPlane } from './controlPlane.js';
import type { Topology } from './topology.js';

/** What models report; implemented by the metrics layer. Times are simulation seconds. */
export interface Recorder {
  /** A unique client request reached its final outcome (after all its attempts). */
  requestDone(req: ClientRequest, endT: number, ok: boolean): void;
  /** One attempt left a client of class `classIndex` (first tries and retries alike). */
  attemptSent(t: number, classIndex: number): void;
  /** Writes acknowledged by a dead primary that the promoted replica never received. */
  dataLoss(database: string, lostWrites: number, rpoS: number, t: number): void;
  /** A notable event for the timeline (fault, detection, promotion, DNS switch, operator step). */
  note(t: number, kind: string, text: string): void;
  /**
   * At time `t`, a mechanism reports that it spent [fromT, toT] on the way to recovery as `phase`
   * (detection, paging, promotion, ...; see metrics/rtoPhases.ts). Reported when the interval is
   * over, or when it starts (toT ahead of t) for a mechanism that acts while it runs (a restart, a
   * DNS TTL).
   */
  phase(t: number, phase: string, fromT: number, toT: number): void;
  /** An agent workflow finished (ok: every step done; else it gave up after its restarts). */
  workflowDone(classIndex: number, ok: boolean): void;
  /**
   * A part of business recovery (`control_plane`, `queue:<name>`, `token_service`, ...) went
   * down (`up` false) or came back (`up` true) at `t`. The first report declares the part (report
   * it up at build time when it starts healthy). Business recovery is complete when every part is
   * back and stays back (see metrics/businessRecovery.ts).
   */
  businessPart(t: number, part: string, up: boolean): void;
  /**
   * A queued item's side effect executed again at `t` (a redelivered or replayed item without
   * idempotency): one duplicate write, and the `duplicates` part of business recovery is not
   * back before the last one. Retried client writes are counted from `ClientRequest.commits`.
   */
  duplicateWrite(t: number): void;
}

/** Everything a model needs from its surroundings. */
export interface ModelContext {
  sim: Simulation;
  streams: RandomStreams;
  recorder: Recorder;
  topology: Topology;
  /** Each region's control plane: scaling, promotion, DNS changes and token issuance ask it first. */
  controlPlane: ControlPlane;
}

/** A unique request from a client class; it may be tried several times. */
export interface ClientRequest {
  classIndex: number;
  arrivalT: number;
  isWrite: boolean;
  attempts: number;
  /** Attempts the client's open circuit breaker stopped before they were sent (not in `attempts`). */
  shortCircuited: number;
  /** Times a write of this request was committed by a primary (more than one = duplicate). */
  commits: number;
  done: boolean;
  /** Answered by a fallback (cached or degraded) rather than in full. */
  degraded: boolean;
  /**
   * What its success is worth, 0..1: 1 in full; a fallback's `success_value` when answered
   * degraded (the smallest, if several calls fell back); 0 when its work was deferred to a queue.
   * Availability and the SLO count a success as this much of one.
   */
  value: number;
  /** Its work was deferred by a `queue` fallback: answered, but not done yet. */
  deferred: boolean;
  /** Sent again as part of a restarted agent workflow: its attempts count, it is not a new unique request. */
  reissue: boolean;
  /** Index of the client's region in the topology's regions (see Topology.regionNames); −1: no client region (no network time). */
  clientRegion: number;
  /** The user session it belongs to, for a class with sessions (see clients/tokenGate.ts); −1: none drawn yet. */
  session: number;
}

/** Bits of Request.flags. */
const R_WRITE = 1, R_REISSUE = 2, R_DONE = 4, R_DEGRADED = 8, R_DEFERRED = 16;

/**
 * A ClientRequest made by a constructor, not an object literal: a literal's objects are all born
 * with the map of its boilerplate, and a degraded answer's fractional `value` (0.5 after 1)
 * deprecates that map, so every request made afterwards was migrated to the updated map at its
 * first access, a runtime call each (llm-dependency: 1.73 → 0.70 µs per attempt). A constructor
 * builds from the updated map.
 */
class Request implements ClientRequest {
  /** The booleans, as bits (R_*): every attempt allocates a request, and each field is 8 bytes. */
  private flags: number;
  attempts = 0;
  clientRegion = -1;
  /** What few requests use (a breaker's refusals, commits, a session, a degraded value), made at its first write. */
  private more: RequestMore | null = null;
  constructor(
    readonly classIndex: number,
    readonly arrivalT: number,
    isWrite: boolean,
    reissue: boolean,
  ) {
    this.flags = (isWrite ? R_WRITE : 0) | (reissue ? R_REISSUE : 0);
  }

  get isWrite(): boolean { return (this.flags & R_WRITE) !== 0; }
  get reissue(): boolean { return (this.flags & R_REISSUE) !== 0; }
  get done(): boolean { return (this.flags & R_DONE) !== 0; }
  set done(v: boolean) { this.flags = withBit(this.flags, R_DONE, v); }
  get degraded(): boolean { return (this.flags & R_DEGRADED) !== 0; }
  set degraded(v: boolean) { this.flags = withBit(this.flags, R_DEGRADED, v); }
  get deferred(): boolean { return (this.flags & R_DEFERRED) !== 0; }
  set deferred(v: boolean) { this.flags = withBit(this.flags, R_DEFERRED, v); }
  get shortCircuited(): number { return this.more === null ? 0 : this.more.shortCircuited; }
  set shortCircuited(v: number) { this.extra().shortCircuited = v; }
  get commits(): number { return this.more === null ? 0 : this.more.commits; }
  set commits(v: number) { this.extra().commits = v; }
  get value(): number { return this.more === null ? 1 : this.more.value; }
  set value(v: number) { this.extra().value = v; }
  get session(): number { return this.more === null ? -1 : this.more.session; }
  set session(v: number) { this.extra().session = v; }

  private extra(): RequestMore {
    return (this.more ??= new RequestMore());
  }
}

/** The rarely set figures of a Request, with their defaults. */
class RequestMore {
  shortCircuited = 0;
  commits = 0;
  value = 1;
  session = -1;
}

/** A fresh unique request (or, with `reissue`, a call re-sent by a restarted agent workflow). */
export function newRequest(classIndex: number, arrivalT: number, isWrite: boolean, reissue = false): ClientRequest {
  return new Request(classIndex, arrivalT, isWrite, reissue);
}

/** What a server adds to a failed answer: 429 with Retry-After, or a degraded success. */
export interface ResponseDetail {
  throttled?: boolean;
  retryAfterS?: number;
  degraded?: boolean;
  /** A degraded success: what it is worth (0..1). */
  value?: number;
  /** A degraded success whose work was deferred to a queue. */
  deferred?: boolean;
}

/** How a server answers an attempt. `ok` false is an error response the client sees at once. */
export interface Responder {
  respond(ok: boolean, detail?: ResponseDetail): void;
}

/** One try of a request, as a server sees it. */
export interface Attempt extends Responder {
  readonly req: ClientRequest;
  /**
   * Asks to be told, by `fn(arg)`, when the client gives up on this attempt before an answer
   * (its timeout): the server learns it when the cancellation reaches it (half a round trip
   * later with client regions). A server that cancels abandoned work uses it.
   */
  onAbandon?<T>(fn: (arg: T) => void, arg: T): void;
}

/** Where client attempts enter a service: its edge (rate limits) and then a region's load balancer. */
export interface ServiceEntry {
  route(region: string, attempt: Attempt): void;
}

/** Chooses the region a request is sent to (DNS, or a fixed split without global routing). */
export interface RegionPicker {
  /** `from`: the client's region (index into Topology.regionNames), −1 when unknown. */
  pick(from?: number): string | null;
}
