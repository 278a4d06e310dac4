/**
 * Business recovery of one replication: recovery is complete only when every *part* of the
 * business is back and stays back — the data plane (the SLO, i.e. today's RTO), the control plane,
 * each queue's backlog below its threshold, no replay still producing duplicate writes, and any
 * other part a model declares.
 *
 * Parts report through the Recorder (`businessPart(t, part, up)`): the first report declares the
 * part, later ones say it went down (`up` false) or came back (`up` true). A part recovers at its
 * last return to up and must still be up at the end of the horizon; a part that never went down
 * after the fault recovered at the fault start. The data plane is set by the runner from the RTO
 * with `part('data_plane', recoveredAt)`.
 *
 * Business RTO = the latest recovery instant over all parts, minus the fault start (seconds); null
 * when some part is still down at the end of the horizon (not recovered). The part that finished
 * last is named (on a tie, the data plane, then the part declared first); in a replication that did
 * not recover, the first part still down.
 */

/** The data plane's part name (the RTO). */
export const DATA_PLANE = 'data_plane';

interface PartState {
  up: boolean;
  /** Time of the last return to up (−Infinity: never went down). */
  lastUpT: number;
}

/** The business recovery of one replication. */
export interface BusinessOutcome {
  /** Seconds from the fault start; null: not recovered within the horizon. */
  business_rto_s: number | null;
  /** The part that finished last (or, not recovered, the first part still down). */
  business_last_part: string;
}

/** Collects the parts' up/down reports of one replication (simulation seconds). */
export class BusinessRecovery {
  private readonly parts = new Map<string, PartState>();

  /** A part went down (`up` false) or came back (`up` true) at `t`; the first report declares it. */
  transition(name: string, t: number, up: boolean): void {
    const p = this.parts.get(name);
    if (!p) {
      this.parts.set(name, { up, lastUpT: -Infinity });
      return;
    }
    if (up && !p.up) p.lastUpT = t;
    p.up = up;
  }

  /**
   * Sets a part whose recovery instant is known as a whole (absolute seconds; null: not recovered
   * within the horizon), replacing what was reported for it.
   */
  part(name: string, recoveredAt: number | null): void {
    this.parts.set(name, recoveredAt === null ? { up: false, lastUpT: -Infinity } : { up: true, lastUpT: recoveredAt });
  }

  /** Whether any part besides the data plane was declared (business recovery then differs from RTO). */
  get hasParts(): boolean {
    for (const name of this.parts.keys()) if (name !== DATA_PLANE) return true;
    return false;
  }

  /** Names of the parts declared, the data plane first. */
  get names(): string[] {
    const rest = [...this.parts.keys()].filter((n) => n !== DATA_PLANE);
    return this.parts.has(DATA_PLANE) ? [DATA_PLANE, ...rest] : rest;
  }

  /** Business RTO and the part that finished last, for a fault that started at `faultT`. */
  outcome(faultT: number): BusinessOutcome {
    let latest = -Infinity;
    let last = DATA_PLANE;
    for (const name of this.names) {
      const p = this.parts.get(name)!;
      if (!p.up) return { business_rto_s: null, business_last_part: name };
      const at = Math.max(p.lastUpT, faultT);
      if (at > latest) {
        latest = at;
        last = name;
      }
    }
    return { business_rto_s: Number.isFinite(latest) ? latest - faultT : 0, business_last_part: last };
  }
}

/** A business part as a sentence names it ("the data plane (SLO)", "queue webhooks"). */
export function partText(part: string): string {
  if (part === DATA_PLANE) return 'the data plane (SLO)';
  if (part.startsWith('queue:')) return `the backlog of queue ${part.slice(6)}`;
  if (part === 'duplicates') return 'replays producing duplicates';
  return part.replace(/_/g, ' ');
}
