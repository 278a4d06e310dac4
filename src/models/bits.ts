/**
 * Booleans kept as bits of one number field. On this Node every object field is 8 bytes, and the
 * objects made per request (client attempt, request, an instance's work) or read cold per request
 * (an instance of a large fleet) keep their booleans that way: see Request, Work, Instance.
 */

/** `flags` with `bit` set (`on`) or cleared. */
export function withBit(flags: number, bit: number, on: boolean): number {
  return on ? flags | bit : flags & ~bit;
}
