// Timing helpers shared by the benchmark scripts (Strata's and the peers'); `step` may return a promise.

/** Calls per second of `step`, for at least `seconds` and `min` calls, after `warmup` untimed calls. */
export async function rate(step, seconds, { min = 2, warmup = 1 } = {}) {
  for (let i = 0; i < warmup; i++) await step();
  let n = 0;
  const start = performance.now();
  while ((performance.now() - start) / 1000 < seconds || n < min) {
    await step();
    n++;
  }
  return n / ((performance.now() - start) / 1000);
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
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}
