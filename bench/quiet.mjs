// Is the machine quiet enough to benchmark? A busy machine once halved PyTorch's speed and made
// a 0.45x ratio read 0.71x, so the bench checks before and after, and refuses to print ratios
// from a noisy run.
import { spawnSync } from 'node:child_process';
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

/** Bytes each worker of the memory test copies per pass (its two buffers far exceed the caches). */
const STREAM_BYTES = 64 << 20;
const STREAM_PASSES = 6;

/**
 * Memory copy speed, GB/s, with `workers` threads copying at once (the best of a few passes each):
 * a speed, where the spin test measures a share. A neighbour on the VM's memory system slowed
 * every system's training by up to 1.5x with the spin test passing; this shows it.
 */
async function streamSpeed(workers) {
  const code = `
    const { parentPort } = require('node:worker_threads');
    const a = new Uint8Array(${STREAM_BYTES}).fill(1), b = new Uint8Array(${STREAM_BYTES});
    let best = Infinity;
    for (let i = 0; i < ${STREAM_PASSES}; i++) { const t = performance.now(); b.set(a); best = Math.min(best, performance.now() - t); }
    parentPort.postMessage(best);`;
  const times = await Promise.all(Array.from({ length: workers }, () => new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true });
    w.once('message', resolve);
    w.once('error', reject);
  })));
  return (workers * 2 * STREAM_BYTES) / (Math.max(...times) / 1000) / 1e9; // read + write
}

/** A fixed floating-point loop: prints the median milliseconds of nine chunks. */
const CORE_LOOP = `
  function work(n) { let a = 1, b = 1, c = 1, d = 1; for (let i = 0; i < n; i++) { a = a * 0.9999999 + 1e-7; b = b * 0.9999999 + 1e-7; c = c * 0.9999999 + 1e-7; d = d * 0.9999999 + 1e-7; } return a + b + c + d; }
  work(1e6); const t = [];
  for (let k = 0; k < 9; k++) { const s = performance.now(); work(1e7); t.push(performance.now() - s); }
  t.sort((x, y) => x - y); console.log(t[4]);`;
/** Above this ratio of the slowest core's loop time to the fastest's, a neighbour is slowing a core. */
const MAX_CORE_SPREAD = 1.2;

/**
 * Milliseconds of the same loop pinned to each core in turn (taskset), three passes, the median
 * per core; null without taskset. A neighbour on the host slows one vCPU for seconds to minutes
 * (seen 2026-12-01: 29 / 43 ms, then 28 / 29 a minute later), which the spin test (a share, not a
 * speed) cannot see and which caps the 2-thread figures.
 */
function coreTimes() {
  const cores = availableParallelism();
  if (spawnSync('taskset', ['-c', '0', 'true']).status !== 0) return null;
  const passes = Array.from({ length: cores }, () => []);
  for (let pass = 0; pass < 3; pass++) {
    for (let core = 0; core < cores; core++) {
      const r = spawnSync('taskset', ['-c', String(core), process.execPath, '-e', CORE_LOOP], { encoding: 'utf8' });
      if (r.status !== 0) return null;
      passes[core].push(Number(r.stdout));
    }
  }
  return passes.map((t) => t.sort((a, b) => a - b)[1]);
}

/**
 * The quiet check: the load average before the run (skip with `after`), the spin test twice, the
 * memory speed on 1 and all cores, and the pinned loop's time on each core.
 */
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
  const memory = [await streamSpeed(1), await streamSpeed(cores)];
  const coreMs = coreTimes();
  if (coreMs) {
    const spread = Math.max(...coreMs) / Math.min(...coreMs);
    if (spread > MAX_CORE_SPREAD) {
      problems.push(`core ${coreMs.indexOf(Math.max(...coreMs))} ran a fixed loop ${(100 * (spread - 1)).toFixed(0)} % slower than core ${coreMs.indexOf(Math.min(...coreMs))} (want <= ${(100 * (MAX_CORE_SPREAD - 1)).toFixed(0)} %): a neighbour on the host`);
    }
  }
  return { when, load, shares, memory, coreMs, quiet: problems.length === 0, problems };
}
