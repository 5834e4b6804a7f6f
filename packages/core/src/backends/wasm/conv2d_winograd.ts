import type { Conv2dInfo } from '../backend';
import * as J from './job_layout';
import { roundUp } from './gemm';
import { sumChunksInHeap } from './sum_chunks';
import type { WasmRuntime } from './runtime';

/**
 * A 3x3, stride-1 convolution for Winograd F(4x4, 3x3) (assembly/winograd_conv.ts): the input
 * [batch, inHeight, inWidth, cin] is in the heap at `src`; output pixel (oy, ox) reads input
 * (oy - padTop + a, ox - padLeft + b) through tap (a, b), zeros outside.
 */
export interface WinogradConv {
  src: number;
  batch: number;
  inHeight: number;
  inWidth: number;
  cin: number;
  outHeight: number;
  outWidth: number;
  cout: number;
  padTop: number;
  padLeft: number;
  /** The filter in the heap: row p (input channel), column j (output channel) of tap t at ptr + t * tapStride + p * pStride + j * jStride (floats); `flip` reads tap 8 - t. */
  filter: { ptr: number; tapStride: number; pStride: number; jStride: number; flip: boolean };
  biasPtr: number;
  relu: boolean;
}

/** Per-task V + M scratch: with the B panels, it stays in this machine's 2 MiB L2. */
const TASK_SCRATCH_BYTES = 768 * 1024;
/** Transformed vectors and small tiles of a task after V and M, and the cache line padding each transform point of V and M. */
const TASK_EXTRA_BYTES = 4096 + 72 * 64;
/** Filter transform scratch per 8-column panel task. */
const FILTER_TASK_BYTES = 1024;

/** Whether a conv (forward: the layer's; input gradient: dy with the flipped filter) runs by Winograd. */
export function winogradApplies(rt: WasmRuntime, info: Conv2dInfo, cin: number, cout: number): boolean {
  if (rt.convAlgorithm === 'direct') return false;
  const shape = info.kernelHeight === 3 && info.kernelWidth === 3 && info.strideHeight === 1 && info.strideWidth === 1 &&
    info.dilationHeight === 1 && info.dilationWidth === 1;
  // Few channels: the 36 GEMMs have too little k or n for the micro-kernel to beat direct im2col.
  return shape && (rt.convAlgorithm === 'winograd' || (cin >= 8 && cout >= 8));
}

/**
 * Runs the convolution into the dense NHWC output at `out`; false when some output is not finite:
 * Winograd spreads an Inf over its whole tile, so the caller recomputes directly.
 */
export function winogradConv(rt: WasmRuntime, p: WinogradConv, out: number): boolean {
  const heap = rt.heap;
  const cp = roundUp(p.cin, 4);
  const kp = roundUp(p.cout, 8);
  const panelsN = kp / 8;
  const tilesW = Math.ceil(p.outWidth / 4);
  const perImage = Math.ceil(p.outHeight / 4) * tilesW;
  const tiles = p.batch * perImage;
  if (tiles === 0) return true;
  const uPtr = heap.alloc(36 * panelsN * cp * 8 * 4);
  const flagPtr = heap.alloc(4);
  new Int32Array(heap.memory.buffer, flagPtr, 1)[0] = 0;

  let job = rt.newJob();
  job[J.J_X_PTR] = p.filter.ptr;
  job[J.J_SRC_C] = p.cin;
  job[J.J_N] = p.cout;
  job[J.J_WG_CP] = cp;
  job[J.J_WG_U_PTR] = uPtr;
  job[J.J_WG_TAP_STRIDE] = p.filter.tapStride;
  job[J.J_WG_P_STRIDE] = p.filter.pStride;
  job[J.J_WG_J_STRIDE] = p.filter.jStride;
  job[J.J_WG_FLIP] = p.filter.flip ? 1 : 0;
  job[J.J_SCRATCH_PTR] = heap.alloc(panelsN * FILTER_TASK_BYTES);
  job[J.J_NTASKS] = panelsN;
  rt.run(J.OP_WINOGRAD_FILTER, rt.threads > 1 && panelsN >= 4 && cp >= 32);

  // Tiles per task: as many as fit the scratch budget, but at least ~4 tasks per thread so a
  // descheduled thread's share is small. Bits never depend on it (each tile is one task's).
  const bytesPerTile = 36 * 4 * (cp + kp);
  let taskTiles = Math.max(4, Math.floor(TASK_SCRATCH_BYTES / bytesPerTile / 4) * 4);
  if (rt.threads > 1) taskTiles = Math.min(taskTiles, Math.max(4, roundUp(Math.ceil(tiles / (4 * rt.threads)), 4)));
  const { headTasks, tailTiles, ntasks } = splitTail(tiles, taskTiles, rt.threads);
  const threads = Math.min(rt.threads, ntasks);
  const scratchStride = taskTiles * bytesPerTile + TASK_EXTRA_BYTES;
  const scratch = heap.alloc(threads * scratchStride);

  job = rt.newJob();
  [job[J.J_SRC_H], job[J.J_SRC_W], job[J.J_SRC_C]] = [p.inHeight, p.inWidth, p.cin];
  [job[J.J_GRID_H], job[J.J_GRID_W]] = [p.outHeight, p.outWidth];
  [job[J.J_PAD_TOP], job[J.J_PAD_LEFT]] = [p.padTop, p.padLeft];
  job[J.J_A_PTR] = p.src;
  job[J.J_Y_PTR] = out;
  job[J.J_N] = p.cout;
  job[J.J_BIAS_PTR] = p.biasPtr;
  job[J.J_FLAGS] = p.relu ? J.EPILOGUE_RELU : 0;
  job[J.J_WG_TILES_W] = tilesW;
  job[J.J_WG_TILES_PER_IMAGE] = perImage;
  job[J.J_WG_TILES] = tiles;
  job[J.J_WG_TASK_TILES] = taskTiles;
  job[J.J_WG_HEAD_TASKS] = headTasks;
  job[J.J_WG_TAIL_TILES] = tailTiles;
  job[J.J_WG_CP] = cp;
  job[J.J_WG_U_PTR] = uPtr;
  job[J.J_WG_FLAG_PTR] = flagPtr;
  job[J.J_SCRATCH_PTR] = scratch;
  job[J.J_SCRATCH_STRIDE] = scratchStride;
  job[J.J_NTASKS] = ntasks;
  rt.run(J.OP_WINOGRAD_CONV, threads > 1);
  return new Int32Array(heap.memory.buffer, flagPtr, 1)[0] === 0;
}

/**
 * Tasks of `taskTiles` tiles, except the last ~2 per thread's worth of tiles, which go in quarter-size
 * tasks: a thread that finishes early then waits on a quarter of a task at most, not a whole one
 * (measured: the 2-thread step waited ~2 ms on the last tasks of its six Winograd jobs). One thread
 * keeps whole tasks. Bits never depend on it: every tile is computed alone.
 */
export function splitTail(tiles: number, taskTiles: number, threads: number): { headTasks: number; tailTiles: number; ntasks: number } {
  if (threads <= 1) return { headTasks: 0, tailTiles: taskTiles, ntasks: Math.ceil(tiles / taskTiles) };
  const tailTiles = Math.max(4, roundUp(Math.ceil(taskTiles / 4), 4));
  const headTasks = Math.max(0, Math.floor(tiles / taskTiles) - 2 * threads);
  return { headTasks, tailTiles, ntasks: headTasks + Math.ceil((tiles - headTasks * taskTiles) / tailTiles) };
}

/** The forward conv of `info` as a Winograd problem (x and w in the heap). */
export function forwardProblem(info: Conv2dInfo, xPtr: number, wPtr: number, biasPtr: number, relu: boolean): WinogradConv {
  return {
    src: xPtr, batch: info.batch, inHeight: info.inHeight, inWidth: info.inWidth, cin: info.inChannels,
    outHeight: info.outHeight, outWidth: info.outWidth, cout: info.outChannels, padTop: info.padTop, padLeft: info.padLeft,
    filter: { ptr: wPtr, tapStride: info.inChannels * info.outChannels, pStride: info.outChannels, jStride: 1, flip: false },
    biasPtr, relu,
  };
}

/**
 * The input gradient of `info` as a Winograd problem: dx = dy correlated with the flipped filter,
 * input channels and output channels swapped; dy (in the heap at dyPtr) is read 2 - pad before.
 */
export function inputGradProblem(info: Conv2dInfo, dyPtr: number, wPtr: number): WinogradConv {
  return {
    src: dyPtr, batch: info.batch, inHeight: info.outHeight, inWidth: info.outWidth, cin: info.outChannels,
    outHeight: info.inHeight, outWidth: info.inWidth, cout: info.inChannels,
    padTop: info.kernelHeight - 1 - info.padTop, padLeft: info.kernelWidth - 1 - info.padLeft,
    filter: { ptr: wPtr, tapStride: info.inChannels * info.outChannels, pStride: 1, jStride: info.outChannels, flip: true },
    biasPtr: 0, relu: false,
  };
}

/** Images per filter-gradient chunk (two-pass form): the chunk's transformed x and dy panels stay near this size. */
const WGRAD_CHUNK_BYTES = 8 << 20;
/** Tiles per transform task of the two-pass filter gradient. */
const WGRAD_TASK_TILES = 16;
/** Per-thread V and Y panels of one block of the one-pass filter gradient: with its dU partial, within this machine's 2 MiB L2. */
const WGRAD_BLOCK_BYTES = 512 * 1024;
/** Chunks of the one-pass filter gradient, fixed by the problem: enough tasks for a few threads. */
const WGRAD_CHUNKS = 16;

/**
 * dw [3, 3, inC, outC] of `info` (3x3, stride 1) into `dwPtr` by Winograd, from x and the (masked)
 * dy in the heap; false when some value is not finite (the caller recomputes directly). Chunks
 * are sized by the problem alone, so every thread count sums in one order. One pass (each task
 * transforms its chunk's tiles block by block and multiplies them while they are in its cache,
 * into a dU partial per chunk) when the partials are small next to the transformed tiles, as with
 * many tiles and few channels; else two passes per chunk of images over shared V and Y panels.
 */
export function winogradFilterGrad(rt: WasmRuntime, info: Conv2dInfo, xPtr: number, dyPtr: number, dwPtr: number): boolean {
  const heap = rt.heap;
  const cin = info.inChannels, cout = info.outChannels;
  const shape = wgradShape(info);
  const { cp, kp, perImage, bytesPerTile } = shape;
  const tiles = info.batch * perImage;
  const duFloats = 36 * cp * kp;
  if (tiles === 0) {
    heap.f32(dwPtr, 9 * cin * cout).fill(0); // an empty batch: nothing to sum
    return true;
  }
  const flagPtr = heap.alloc(4);
  new Int32Array(heap.memory.buffer, flagPtr, 1)[0] = 0;
  const parallel = rt.threads > 1;

  const blockTiles = Math.min(J.KC, Math.max(4, Math.floor(WGRAD_BLOCK_BYTES / bytesPerTile / 4) * 4));
  const blocks = Math.ceil(tiles / blockTiles);
  const chunkTiles = Math.ceil(blocks / WGRAD_CHUNKS) * blockTiles;
  const chunks = Math.ceil(tiles / chunkTiles);
  const duPtr = heap.alloc(duFloats * 4);
  // One pass when the partials are at most a quarter of the transformed tiles: the article's second
  // conv (16 partials of 0.3 MB against 53 MB of tiles at batch 32) ran ~20 % faster on 1 and 2
  // threads; its third and fourth (partials of 1.2 and 2.4 MB) ran slower than in two passes.
  if (chunks * duFloats * 4 * 4 <= tiles * bytesPerTile) {
    const partials = heap.alloc(chunks * duFloats * 4);
    const scratchStride = roundUp(J.WGRAD_TMP_BYTES + blockTiles * bytesPerTile, 64);
    const job = rt.newJob();
    setWgradGeometry(job, info, xPtr, dyPtr, shape);
    job[J.J_WG_TILES] = tiles;
    job[J.J_WG_TASK_TILES] = blockTiles;
    job[J.J_M] = chunkTiles;
    job[J.J_WG_DU_PTR] = partials;
    job[J.J_SCRATCH_PTR] = heap.alloc((parallel ? rt.threads : 1) * scratchStride);
    job[J.J_SCRATCH_STRIDE] = scratchStride;
    job[J.J_NTASKS] = chunks;
    rt.run(J.OP_WINOGRAD_WGRAD_FUSED, parallel && chunks > 1);
    sumChunksInHeap(rt, partials, chunks, duFloats, duFloats, duPtr, parallel);
  } else {
    wgradTwoPass(rt, info, shape, xPtr, dyPtr, duPtr, parallel);
  }

  const scratch = heap.alloc(rt.threads * J.WGRAD_TMP_BYTES);
  const job = rt.newJob();
  job[J.J_SRC_C] = cin;
  job[J.J_N] = cout;
  job[J.J_WG_CP] = cp;
  job[J.J_WG_DU_PTR] = duPtr;
  job[J.J_Y_PTR] = dwPtr;
  job[J.J_WG_FLAG_PTR] = flagPtr;
  job[J.J_SCRATCH_PTR] = scratch;
  job[J.J_SCRATCH_STRIDE] = J.WGRAD_TMP_BYTES;
  job[J.J_NTASKS] = cin;
  rt.run(J.OP_WINOGRAD_WGRAD_FILTER, parallel && cin * cout >= 4096);
  return new Int32Array(heap.memory.buffer, flagPtr, 1)[0] === 0;
}

/** The tile geometry of a Winograd filter gradient: padded channels, tiles per row and image, bytes of one tile's V and Y. */
interface WgradShape {
  cp: number;
  kp: number;
  tilesW: number;
  perImage: number;
  bytesPerTile: number;
}

function wgradShape(info: Conv2dInfo): WgradShape {
  const cp = roundUp(info.inChannels, 4);
  const kp = roundUp(info.outChannels, 8);
  const tilesW = Math.ceil(info.outWidth / 4);
  return { cp, kp, tilesW, perImage: Math.ceil(info.outHeight / 4) * tilesW, bytesPerTile: 36 * 4 * (cp + kp) };
}

/** The fields every filter-gradient transform reads: geometry, x and dy. */
function setWgradGeometry(job: Uint32Array, info: Conv2dInfo, xPtr: number, dyPtr: number, { cp, tilesW, perImage }: WgradShape): void {
  [job[J.J_SRC_H], job[J.J_SRC_W], job[J.J_SRC_C]] = [info.inHeight, info.inWidth, info.inChannels];
  [job[J.J_GRID_H], job[J.J_GRID_W]] = [info.outHeight, info.outWidth];
  [job[J.J_PAD_TOP], job[J.J_PAD_LEFT]] = [info.padTop, info.padLeft];
  job[J.J_A_PTR] = xPtr;
  job[J.J_DY_PTR] = dyPtr;
  job[J.J_N] = info.outChannels;
  job[J.J_WG_CP] = cp;
  job[J.J_WG_TILES_W] = tilesW;
  job[J.J_WG_TILES_PER_IMAGE] = perImage;
}

/** dU into `duPtr` in two passes per chunk of whole images: transform into shared V and Y panels, then one GEMM task per transform point. */
function wgradTwoPass(rt: WasmRuntime, info: Conv2dInfo, shape: WgradShape, xPtr: number, dyPtr: number, duPtr: number, parallel: boolean): void {
  const heap = rt.heap;
  const { cp, kp, perImage, bytesPerTile } = shape;
  const chunkImages = Math.max(1, Math.min(info.batch, Math.floor(WGRAD_CHUNK_BYTES / (perImage * bytesPerTile))));
  const chunkTiles = chunkImages * perImage;
  const vPtr = heap.alloc(36 * cp * chunkTiles * 4);
  const yPtr = heap.alloc(36 * kp * chunkTiles * 4);
  const scratch = heap.alloc(rt.threads * J.WGRAD_TMP_BYTES);
  for (let image = 0; image < info.batch; image += chunkImages) {
    const tiles = Math.min(chunkImages, info.batch - image) * perImage;
    let job = rt.newJob();
    setWgradGeometry(job, info, xPtr, dyPtr, shape);
    job[J.J_WG_FIRST_TILE] = image * perImage;
    job[J.J_WG_TILES] = tiles;
    job[J.J_WG_TASK_TILES] = WGRAD_TASK_TILES;
    job[J.J_WG_V_PTR] = vPtr;
    job[J.J_WG_DY_PTR] = yPtr;
    job[J.J_SCRATCH_PTR] = scratch;
    job[J.J_SCRATCH_STRIDE] = J.WGRAD_TMP_BYTES;
    job[J.J_NTASKS] = Math.ceil(tiles / WGRAD_TASK_TILES);
    rt.run(J.OP_WINOGRAD_WGRAD_TRANSFORM, parallel);

    job = rt.newJob();
    job[J.J_N] = info.outChannels;
    job[J.J_WG_CP] = cp;
    job[J.J_WG_TILES] = tiles;
    job[J.J_WG_V_PTR] = vPtr;
    job[J.J_WG_DY_PTR] = yPtr;
    job[J.J_WG_DU_PTR] = duPtr;
    job[J.J_FLAGS] = image > 0 ? J.EPILOGUE_ACCUMULATE : 0; // add to the earlier chunks' dU
    job[J.J_NTASKS] = 36; // one per transform point
    rt.run(J.OP_WINOGRAD_WGRAD_GEMM, parallel);
  }
}
