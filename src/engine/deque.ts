/**
 * A double-ended queue on a growable ring buffer: O(1) push and shift at both ends, no
 * per-operation allocation (unlike `Array.prototype.shift`, which is O(n) on large arrays).
 */

/** FIFO/LIFO ring-buffer deque; capacity doubles when full and never shrinks. */
export class Deque<T> {
  private buf: (T | undefined)[];
  private head = 0;
  private len = 0;
  /** buf.length - 1; the buffer length is always a power of two. */
  private mask: number;

  constructor(initialCapacity = 16) {
    let cap = 4;
    while (cap < initialCapacity) cap *= 2;
    this.buf = new Array<T | undefined>(cap).fill(undefined);
    this.mask = cap - 1;
  }

  /** Number of items held. */
  get length(): number {
    return this.len;
  }

  /** Appends at the back. */
  pushBack(item: T): void {
    if (this.len > this.mask) this.grow();
    this.buf[(this.head + this.len) & this.mask] = item;
    this.len++;
  }

  /** Prepends at the front. */
  pushFront(item: T): void {
    if (this.len > this.mask) this.grow();
    this.head = (this.head - 1) & this.mask;
    this.buf[this.head] = item;
    this.len++;
  }

  /** Removes and returns the front item, or undefined when empty. */
  popFront(): T | undefined {
    if (this.len === 0) return undefined;
    const item = this.buf[this.head];
    this.buf[this.head] = undefined;
    this.head = (this.head + 1) & this.mask;
    this.len--;
    return item;
  }

  /** Removes and returns the back item, or undefined when empty. */
  popBack(): T | undefined {
    if (this.len === 0) return undefined;
    this.len--;
    const i = (this.head + this.len) & this.mask;
    const item = this.buf[i];
    this.buf[i] = undefined;
    return item;
  }

  /** The front item without removing it, or undefined when empty. */
  peekFront(): T | undefined {
    return this.len === 0 ? undefined : this.buf[this.head];
  }

  /** The back item without removing it, or undefined when empty. */
  peekBack(): T | undefined {
    return this.len === 0 ? undefined : this.buf[(this.head + this.len - 1) & this.mask];
  }

  /** The item `index` places from the front (0 = front), or undefined when out of range. */
  at(index: number): T | undefined {
    if (index < 0 || index >= this.len) return undefined;
    return this.buf[(this.head + index) & this.mask];
  }

  /** Removes every item. */
  clear(): void {
    for (let i = 0; i < this.len; i++) this.buf[(this.head + i) & this.mask] = undefined;
    this.head = 0;
    this.len = 0;
  }

  /** Iterates front to back. */
  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = 0; i < this.len; i++) yield this.buf[(this.head + i) & this.mask] as T;
  }

  private grow(): void {
    const old = this.buf, oldCap = old.length;
    const next = new Array<T | undefined>(oldCap * 2).fill(undefined);
    for (let i = 0; i < this.len; i++) next[i] = old[(this.head + i) & this.mask];
    this.buf = next;
    this.head = 0;
    this.mask = oldCap * 2 - 1;
  }
}

/** The same ring buffer over a Float64Array, for numbers (times): stores them unboxed. */
export class Float64Deque {
  private buf: Float64Array;
  private head = 0;
  private len = 0;
  private mask: number;

  constructor(initialCapacity = 16) {
    let cap = 4;
    while (cap < initialCapacity) cap *= 2;
    this.buf = new Float64Array(cap);
    this.mask = cap - 1;
  }

  /** Number of items held. */
  get length(): number {
    return this.len;
  }

  /** Appends at the back. */
  pushBack(x: number): void {
    if (this.len > this.mask) this.grow();
    this.buf[(this.head + this.len) & this.mask] = x;
    this.len++;
  }

  /** Removes and returns the front number, or NaN when empty. */
  popFront(): number {
    if (this.len === 0) return NaN;
    const x = this.buf[this.head]!;
    this.head = (this.head + 1) & this.mask;
    this.len--;
    return x;
  }

  /** The front number without removing it, or NaN when empty. */
  peekFront(): number {
    return this.len === 0 ? NaN : this.buf[this.head]!;
  }

  /** Removes every number. */
  clear(): void {
    this.head = 0;
    this.len = 0;
  }

  private grow(): void {
    const old = this.buf, cap = old.length * 2;
    const next = new Float64Array(cap);
    for (let i = 0; i < this.len; i++) next[i] = old[(this.head + i) & this.mask]!;
    this.buf = next;
    this.head = 0;
    this.mask = cap - 1;
  }
}
