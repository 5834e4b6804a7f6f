/**
 * How per-channel reductions over [rows, channels] data split their rows: into chunks whose size
 * depends only on the shape, each summed from zero in float64, the chunk totals then added in
 * chunk order. Every backend and every thread count sums in this one order, so they agree to the
 * bit, and a parallel backend can hand each thread whole chunks of contiguous rows.
 */

/** At most this many chunks: enough for dynamic load balance on a few threads, few to combine. */
const MAX_CHUNKS = 32;
/** At least this many values per chunk, so a chunk is worth a task. */
const MIN_CHUNK_VALUES = 1 << 14;

/** Rows per chunk of a [rows, channels] reduction. */
export function reductionChunkRows(rows: number, channels: number): number {
  return Math.max(1, Math.ceil(rows / MAX_CHUNKS), Math.ceil(MIN_CHUNK_VALUES / channels));
}

/**
 * Per-channel totals of `count` per-chunk partials: `partials` holds, for chunk t, its sums at
 * [(t * stride + offset) * channels, ... + channels); they are added in chunk order.
 */
export function sumChunks(partials: Float64Array, count: number, channels: number, stride = 1, offset = 0): Float64Array {
  const total = new Float64Array(channels);
  for (let t = 0; t < count; t++) {
    const base = (t * stride + offset) * channels;
    for (let c = 0; c < channels; c++) total[c] += partials[base + c];
  }
  return total;
}

/**
 * Per-channel float64 sums of term(i, j) over the rows of [rows, channels] data (i the row's first
 * flat index, j the channel), in this file's chunked order: what every backend must reproduce.
 */
export function chunkedSums(rows: number, channels: number, term: (i: number, j: number) => number): Float64Array {
  const chunkRows = reductionChunkRows(rows, channels);
  const count = Math.ceil(rows / chunkRows);
  const partials = new Float64Array(count * channels);
  for (let t = 0; t < count; t++) {
    const base = t * channels;
    for (let r = t * chunkRows; r < Math.min(rows, (t + 1) * chunkRows); r++) {
      for (let j = 0; j < channels; j++) partials[base + j] += term(r * channels, j);
    }
  }
  return sumChunks(partials, count, channels);
}
