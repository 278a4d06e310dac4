import { describe, expect, it } from 'vitest';
import { withBit } from '../../src/models/bits.js';

describe('withBit', () => {
  it('sets and clears one bit, leaving the others as they were', () => {
    expect(withBit(0b0101, 0b0010, true)).toBe(0b0111);
    expect(withBit(0b0111, 0b0010, false)).toBe(0b0101);
    expect(withBit(0b0101, 0b0100, true)).toBe(0b0101);
    expect(withBit(0b0101, 0b0010, false)).toBe(0b0101);
  });
});
