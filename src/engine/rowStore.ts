/**
 * Rows of doubles, handed out one after another from shared Float64Arrays: the numbers of many
 * small model objects of one kind (a fleet's instances) side by side in memory, in the order the
 * objects were made, instead of each in fields of its own object with a heap box per real-valued
 * field. Round robin over a fleet of thousands then reads each instance's numbers from one or
 * two cache lines that follow the previous instance's (which the hardware prefetches), not from
 * half a dozen objects scattered by the garbage collector.
 *
 * Rows never move (a full chunk is left as it is and a new one started), so a holder keeps its
 * array and offset for good.
 */

/** Where a row lives: doubles f[o], f[o + 1], … */
export interface Row {
  f: Float64Array;
  o: number;
}

/** Doubles per chunk (64 KB). */
const CHUNK = 8192;

/** Hands out rows from chunks it allocates as needed. */
export class RowStore {
  private chunk = new Float64Array(0);
  private used = 0;

  /** A fresh row of `n` doubles (zeroed) in this store. */
  alloc(n: number): Row {
    if (!(Number.isInteger(n) && n > 0 && n <= CHUNK)) throw new RangeError(`RowStore: a row must be 1 to ${CHUNK} doubles, got ${n}`);
    if (this.used + n > this.chunk.length) {
      this.chunk = new Float64Array(CHUNK);
      this.used = 0;
    }
    const row = { f: this.chunk, o: this.used };
    this.used += n;
    return row;
  }

  /** A row of `n` doubles in an array of its own (a holder outside any store). */
  static own(n: number): Row {
    return { f: new Float64Array(n), o: 0 };
  }
}
