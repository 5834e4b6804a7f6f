/** A byte buffer that grows by doubling, for rows whose count is known only at the end of a stream. */
export class GrowableBytes {
  private buf: Uint8Array;
  private used = 0;

  constructor(initialCapacity = 1 << 16) {
    this.buf = new Uint8Array(Math.max(1, initialCapacity));
  }

  /** Bytes in use. */
  get length(): number {
    return this.used;
  }

  /** Appends `n` bytes and returns the buffer to write them into, from offset `length - n`. */
  append(n: number): Uint8Array {
    if (this.used + n > this.buf.length) {
      let cap = this.buf.length * 2;
      while (cap < this.used + n) cap *= 2;
      const next = new Uint8Array(cap);
      next.set(this.buf.subarray(0, this.used));
      this.buf = next;
    }
    this.used += n;
    return this.buf;
  }

  /** The bytes in use (a view, not a copy). */
  view(): Uint8Array {
    return this.buf.subarray(0, this.used);
  }
}
