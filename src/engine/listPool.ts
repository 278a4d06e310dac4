/**
 * Many doubly linked lists whose nodes share one table: a list is the index of its first node
 * (−1: empty), each node holds one item, and the links are indices in typed arrays. Freed nodes
 * are reused first (a stack), so the table stays as large as the most items ever listed at once.
 *
 * Why not link the items to each other and keep each list's first item in its owner: the owners
 * here are long-lived (a fleet's instances, in V8's old generation) and the items short-lived (the
 * requests an instance holds, young). Every store of a young object into an old one is recorded
 * for the next scavenge, which then visits it: with thousands of owners each request touched one
 * more cold owner slot twice (cachegrind, a fleet of 5,000 instances per region at 100,000
 * requests/s: about 3 more last-level cache misses per request than with no list at all; a
 * ListPool costs none). Owners keep a number instead; the only old-to-young stores are into
 * this table's item array, whose few slots in use are reused over and over.
 *
 * Each node also keeps a number for its owner (`stamps`, set by `setStamp`; an instance keeps
 * the time it accepted the request there): a real number in an object is a 16-byte heap box
 * beside its 8-byte field, made for every request, while a typed array's slot is reused with its
 * node.
 */
export class ListPool<T> {
  private items: (T | undefined)[] = [];
  private nextOf = new Int32Array(16);
  private prevOf = new Int32Array(16);
  /**
   * The number each node keeps for its owner (see setStamp), to be read in place: a method
   * returning a real number boxes it whenever V8 does not inline the call. Replaced as it grows.
   */
  stamps = new Float64Array(16);
  /** First free node (the free nodes are a stack threaded through `nextOf`); −1: none. */
  private free = -1;

  /** Puts `item` first in the list that starts at `head` (−1: empty); returns its node, the list's new head. */
  push(head: number, item: T): number {
    let id = this.free;
    if (id >= 0) {
      this.free = this.nextOf[id]!;
      this.items[id] = item;
    } else {
      id = this.items.length;
      if (id === this.nextOf.length) this.grow();
      this.items.push(item);
    }
    this.nextOf[id] = head;
    this.prevOf[id] = -1;
    if (head >= 0) this.prevOf[head] = id;
    return id;
  }

  /** Takes node `id` out of the list that starts at `head` and frees it; returns the list's new head. */
  remove(head: number, id: number): number {
    const next = this.nextOf[id]!, prev = this.prevOf[id]!;
    if (next >= 0) this.prevOf[next] = prev;
    if (prev >= 0) this.nextOf[prev] = next;
    else head = next;
    this.release(id);
    return head;
  }

  /** Sets the number node `id` keeps for its owner (until the node is freed). */
  setStamp(id: number, value: number): void {
    this.stamps[id] = value;
  }

  /** Whether node `id` is in use and holds `item` (a node freed and reused holds another). */
  holds(id: number, item: T): boolean {
    return id >= 0 && id < this.items.length && this.items[id] === item;
  }

  /** The items of the list that starts at `head`, first to last. */
  list(head: number): T[] {
    const out: T[] = [];
    for (let id = head; id >= 0; id = this.nextOf[id]!) out.push(this.items[id]!);
    return out;
  }

  /** Frees every node of the list that starts at `head`. */
  clear(head: number): void {
    for (let id = head; id >= 0; ) {
      const next = this.nextOf[id]!;
      this.release(id);
      id = next;
    }
  }

  private release(id: number): void {
    this.items[id] = undefined;
    this.nextOf[id] = this.free;
    this.free = id;
  }

  private grow(): void {
    const n = 2 * this.nextOf.length;
    const next = new Int32Array(n), prev = new Int32Array(n), stamps = new Float64Array(n);
    next.set(this.nextOf);
    prev.set(this.prevOf);
    stamps.set(this.stamps);
    this.nextOf = next;
    this.prevOf = prev;
    this.stamps = stamps;
  }
}
