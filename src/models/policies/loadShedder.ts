/**
 * Load shedding on arrival, a simple CoDel-like form: an arriving request is shed (rejected at
 * once, typically with a 503) when the queue it would join already holds `maxQueue` requests, or
 * when the request at the head of that queue has waited longer than `maxQueueTimeS` — a queue
 * whose head is that old will not serve the newcomer in time either. Both limits default to
 * Infinity (never shed). Unlike full CoDel there is no interval or drop-rate control law: the
 * decision looks only at the state at the arrival instant.
 */

/** Decides on arrival whether to shed; see the module comment. */
export class LoadShedder {
  readonly maxQueue: number;
  readonly maxQueueTimeS: number;

  constructor(opts: { maxQueue?: number; maxQueueTimeS?: number } = {}) {
    this.maxQueue = opts.maxQueue ?? Infinity;
    this.maxQueueTimeS = opts.maxQueueTimeS ?? Infinity;
    if (!(this.maxQueue >= 0)) throw new RangeError(`LoadShedder: maxQueue must be >= 0, got ${this.maxQueue}`);
    if (!(this.maxQueueTimeS >= 0)) throw new RangeError(`LoadShedder: maxQueueTimeS must be >= 0 seconds, got ${this.maxQueueTimeS}`);
  }

  /** `queueLength` waiting now (the arrival excluded); `oldestWaitS` the head's wait so far (0 if empty). */
  shouldShed(queueLength: number, oldestWaitS: number): boolean {
    return queueLength >= this.maxQueue || oldestWaitS > this.maxQueueTimeS;
  }
}
