/**
 * Break-even points. As a function of the downtime cost per minute c (USD/min), a design's total
 * annual cost is a line: total(c) = a + b·c, with a = 12 × monthly + incidents/year × (lost-write
 * and duplicate costs per incident) and b = incidents/year × expected downtime minutes per
 * incident. A design that costs more to run pays for itself against a cheaper one from the c where
 * their lines cross; the cheapest design over all c is the lower envelope of the lines.
 */

/** One design's total annual cost as a line in the downtime cost per minute. */
export interface CostLineInC {
  design: string;
  /** Monthly running cost (USD), to tell which design costs more to run. */
  monthly: number;
  /** Total at c = 0 (USD/year). */
  a: number;
  /** Extra USD/year per USD/min of downtime cost. */
  b: number;
}

/** Total annual cost of `l` at downtime cost `c`. */
export function totalAt(l: CostLineInC, c: number): number {
  return l.a + l.b * c;
}

/**
 * The downtime cost per minute from which `dear` (costlier to run) is no more expensive in total
 * than `cheap`: 0 if it already is at c = 0, null if it never is (its outages cost no less).
 */
export function breakEven(dear: CostLineInC, cheap: CostLineInC): number | null {
  if (dear.a <= cheap.a && dear.b <= cheap.b) return 0;
  if (dear.b >= cheap.b) return null;
  return Math.max(0, (dear.a - cheap.a) / (cheap.b - dear.b));
}

/**
 * The cheapest design in total for every downtime cost c ≥ 0, as consecutive ranges
 * [from, to) (to null: and above). Ties go to the lower slope, then to the earlier design.
 */
export function cheapestByDowntimeCost(lines: CostLineInC[]): Array<{ from_usd_per_min: number; to_usd_per_min: number | null; design: string }> {
  if (lines.length === 0) return [];
  let cur = lines.reduce((best, l) => (l.a < best.a || (l.a === best.a && l.b < best.b) ? l : best));
  let from = 0;
  const out: Array<{ from_usd_per_min: number; to_usd_per_min: number | null; design: string }> = [];
  for (;;) {
    let next: CostLineInC | null = null;
    let at = Infinity;
    for (const l of lines) {
      if (l.b >= cur.b) continue;
      const x = Math.max(from, (l.a - cur.a) / (cur.b - l.b));
      if (x < at || (x === at && next !== null && l.b < next.b)) {
        at = x;
        next = l;
      }
    }
    if (next === null) {
      out.push({ from_usd_per_min: from, to_usd_per_min: null, design: cur.design });
      return out;
    }
    if (at > from) out.push({ from_usd_per_min: from, to_usd_per_min: at, design: cur.design });
    from = at;
    cur = next;
  }
}
