// Is the machine quiet enough to benchmark? A busy machine once halved PyTorch's speed and made
// a 0.45x ratio read 0.71x, so the bench checks before and after, and refuses to print ratios
// from a noisy run.
import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';

const SPIN_MS = 400;
/** Below this share of the cores during the spin test, another process is competing. */
const MIN_CORE_SHARE = 0.9;
/** Highest 1-minute load average, per core, at the start. */
const MAX_LOAD_PER_CORE = 0.35;

/** Spins one thread per core for SPIN_MS; returns the share of the cores the process actually got. */
async function coreShare() {
  const cores = availableParallelism();
  const before = process.cpuUsage();
  const start = performance.now();
  const spin = `const end = performance.now() + ${SPIN_MS}; let x = 0; while (performance.now() < end) x++;`;
  await Promise.all(Array.from({ length: cores }, () => new Promise((resolve, reject) => {
    const w = new Worker(spin, { eval: true });
    w.on('exit', resolve);
    w.on('error', reject);
  })));
  const wall = performance.now() - start;
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / (wall * cores);
}

/** The quiet check: the load average before the run (skip with `after`) and the spin test twice. */
export async function quietCheck(when) {
  const cores = availableParallelism();
  const problems = [];
  const load = loadavg()[0];
  if (when === 'before' && load > MAX_LOAD_PER_CORE * cores) {
    problems.push(`1-minute load average ${load.toFixed(2)} on ${cores} cores (want <= ${(MAX_LOAD_PER_CORE * cores).toFixed(2)})`);
  }
  const shares = [await coreShare(), await coreShare()];
  for (const s of shares) {
    if (s < MIN_CORE_SHARE) problems.push(`a spin test got ${(100 * s).toFixed(0)} % of ${cores} cores (want >= ${100 * MIN_CORE_SHARE} %)`);
  }
  return { when, load, shares, quiet: problems.length === 0, problems };
}
