// Timing helpers shared by the benchmark scripts (Strata's and the peers'); `step` may return a promise.

/**
 * Calls per second of `step` over at least `seconds` and `min` calls, after `warmup` untimed calls,
 * two ways: `median` from the median call's time, `mean` from the calls over the whole window.
 * The shared VMs slow one core for seconds at a time (a 2-thread training step measured ~190 ms
 * for two seconds, then ~120 ms for six, in one 8-second window), which moves a mean by tens of
 * percent and a median by little; the bench judges the median, for every system alike.
 */
export async function callRates(step, seconds, { min = 2, warmup = 1 } = {}) {
  for (let i = 0; i < warmup; i++) await step();
  const times = [];
  const start = performance.now();
  while ((performance.now() - start) / 1000 < seconds || times.length < min) {
    const t = performance.now();
    await step();
    times.push(performance.now() - t);
  }
  const elapsed = performance.now() - start;
  return { median: 1000 / medianOf(times), mean: times.length / (elapsed / 1000) };
}

/** Calls per second of `step`, from the median call (see callRates). */
export async function rate(step, seconds, options) {
  return (await callRates(step, seconds, options)).median;
}

/** Median milliseconds of one `step`, over `seconds` (at least 11 calls), after three warm-up calls. */
export async function median(step, seconds) {
  for (let i = 0; i < 3; i++) await step();
  const times = [];
  const start = performance.now();
  while ((performance.now() - start) / 1000 < seconds || times.length < 11) {
    const t = performance.now();
    await step();
    times.push(performance.now() - t);
  }
  return medianOf(times);
}

/** The median of `values` (the mean of the middle two for an even count). */
export function medianOf(values) {
  const v = [...values].sort((a, b) => a - b);
  return v.length % 2 ? v[v.length >> 1] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
}
