/**
 * Money as people read it: `$1,234.56`, `$0.50`; large amounts without cents (`$123,457`).
 */

/** USD with thousands separators; cents below $10,000. */
export function usd(x: number): string {
  const sign = x < 0 ? '-' : '';
  const v = Math.abs(x);
  const digits = v >= 10_000 ? 0 : 2;
  const [int, frac] = v.toFixed(digits).split('.');
  return `${sign}$${int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac ? `.${frac}` : ''}`;
}
