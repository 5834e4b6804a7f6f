// Timing helpers shared by the benchmark scripts.

/** Calls per second of `step`, for at least `seconds` and `min` calls, after one warm-up call. */
export function rate(step, seconds, min = 2) {
  step();
  let n = 0;
  const start = performance.now();
  while ((performance.now() - start) / 1000 < seconds || n < min) {
    step();
    n++;
  }
  return n / ((performance.now() - start) / 1000);
}

/** Median milliseconds of `step` over `seconds` (at least 11 calls), after three warm-up calls. */
export function median(step, seconds) {
  for (let i = 0; i < 3; i++) step();
  const times = [];
  const start = performance.now();
  while ((performance.now() - start) / 1000 < seconds || times.length < 11) {
    const t = performance.now();
    step();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}
