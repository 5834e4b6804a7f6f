// Float64 accumulators for per-channel sums of f32 data: lanes are channels, so each channel is
// summed sequentially over rows, in the same order as the reference kernel's scalar float64 loop,
// giving the same bits for any channel blocking or thread count.

/** acc[0..4) (two f64x2 at `acc`) += the four f32 lanes of v. */
@inline export function accumulate4(acc: usize, v: v128): void {
  v128.store(acc, f64x2.add(v128.load(acc), f64x2.promote_low_f32x4(v)));
  v128.store(acc, f64x2.add(v128.load(acc, 16), f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 2, 3))), 16);
}

/** acc[0..4) += u * v, lane by lane; the product of two f32 is exact in f64. */
@inline export function accumulateProduct4(acc: usize, u: v128, v: v128): void {
  const uh = v128.shuffle<f32>(u, u, 2, 3, 2, 3), vh = v128.shuffle<f32>(v, v, 2, 3, 2, 3);
  v128.store(acc, f64x2.add(v128.load(acc), f64x2.mul(f64x2.promote_low_f32x4(u), f64x2.promote_low_f32x4(v))));
  v128.store(acc, f64x2.add(v128.load(acc, 16), f64x2.mul(f64x2.promote_low_f32x4(uh), f64x2.promote_low_f32x4(vh))), 16);
}

/**
 * Rows per block of the per-channel reductions (batch norm, the conv bias gradient): within a
 * block, a few channels' float64 sums stay in registers over the block's rows (each channel still
 * summed row by row), instead of a load and a store of every accumulator per row.
 */
export const SUM_ROW_BLOCK: u32 = 32;

/** Zeroes the accumulators of channels [c0, c1). */
@inline export function zeroAccumulators(acc: usize, c0: u32, c1: u32): void {
  memory.fill(acc + (<usize>c0 << 3), 0, <usize>(c1 - c0) << 3);
}
