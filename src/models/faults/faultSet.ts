/**
 * The faults of one replication (`fault` may be a list, each with its own `at`): one injector per
 * fault, seen as one. The set starts with the first fault to start and ends when the last one
 * ends; an operator's repair step repairs every fault in progress.
 */
import type { FaultSpec } from '../../scenario/schema.js';
import type { ModelContext } from '../types.js';
import { FaultInjector, type FaultTargets } from './faultInjector.js';

/** Every fault of a replication. */
export class FaultSet {
  readonly injectors: FaultInjector[];

  constructor(specs: FaultSpec[], targets: FaultTargets, ctx: ModelContext) {
    // The first fault keeps the stream a single fault always had ('fault'), so a one-fault scenario draws the same times.
    this.injectors = specs.map((spec, i) => new FaultInjector(spec, targets, ctx, i === 0 ? 'fault' : `fault:${i + 1}`));
  }

  /** Start of the first fault, simulation seconds. */
  get startT(): number {
    return Math.min(...this.injectors.map((f) => f.startT));
  }

  /** End of the last fault (NaN while any has not ended). */
  get endT(): number {
    let end = -Infinity;
    for (const f of this.injectors) {
      if (Number.isNaN(f.endT)) return NaN;
      end = Math.max(end, f.endT);
    }
    return end;
  }

  /** Ends every fault in progress now (an operator's repair step). */
  repair(): void {
    for (const f of this.injectors) f.repair();
  }
}
