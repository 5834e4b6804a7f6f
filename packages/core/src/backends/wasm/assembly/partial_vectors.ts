// Loads and stores of the first 1..4 floats of a vector: the channel tails of kernels that
// vectorise over channels (a full v128 access past the last channel would touch the next pixel).

/** The first `count` (1..4) floats at p, zeros after. */
@inline export function loadPartial(p: usize, count: u32): v128 {
  if (count >= 4) return v128.load(p);
  let v = f32x4.splat(0);
  v = f32x4.replace_lane(v, 0, load<f32>(p));
  if (count > 1) v = f32x4.replace_lane(v, 1, load<f32>(p, 4));
  if (count > 2) v = f32x4.replace_lane(v, 2, load<f32>(p, 8));
  return v;
}

/** Stores the first `count` (1..4) lanes of v at p. */
@inline export function storePartial(p: usize, v: v128, count: u32): void {
  if (count >= 4) {
    v128.store(p, v);
    return;
  }
  store<f32>(p, f32x4.extract_lane(v, 0));
  if (count > 1) store<f32>(p, f32x4.extract_lane(v, 1), 4);
  if (count > 2) store<f32>(p, f32x4.extract_lane(v, 2), 8);
}

/** Whether every lane of `check` (a sum of 0 * value) is 0, i.e. every value summed was finite. */
@inline export function allFinite(check: v128): bool {
  return f32x4.extract_lane(check, 0) == 0 && f32x4.extract_lane(check, 1) == 0 &&
    f32x4.extract_lane(check, 2) == 0 && f32x4.extract_lane(check, 3) == 0;
}
