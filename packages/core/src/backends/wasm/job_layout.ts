// Layout of the job descriptor that the JS side writes into shared memory and every thread's
// wasm reads. Plain integer constants so this one file compiles as TypeScript (the JS side) and
// as AssemblyScript (imported by assembly/): the two sides cannot drift apart.

/** Operations a thread can be asked to run (`run(op, job, tid)` in assembly/index.ts). */
export const OP_PACK_B = 1;
export const OP_GEMM = 2;
export const OP_MAX_POOL = 3;
/** Squeezes a padded C (rows of ldc floats) into dense rows of n floats, in place. */
export const OP_COMPACT_C = 4;
/** Batch norm of [rows, channels] data (J_M rows, J_N channels), one task per J_CHANNEL_BLOCK rows; J_FLAGS is the phase. */
export const OP_BATCH_NORM_FORWARD = 5;
export const OP_BATCH_NORM_BACKWARD = 6;
/** Conv backward prologue on dy [rows, channels]: relu mask in place (J_MASK_PTR) and/or bias gradient (J_D_BETA_PTR). */
export const OP_RELU_GRAD_BIAS = 7;
/** Winograd F(4x4, 3x3): transform and pack the filter (one task per 8-column panel of U). */
export const OP_WINOGRAD_FILTER = 8;
/** Winograd F(4x4, 3x3) convolution, one task per block of output tiles (see assembly/winograd_conv.ts). */
export const OP_WINOGRAD_CONV = 9;
/** Winograd filter gradient: transform a chunk of x tiles and dy tiles into packed GEMM panels. */
export const OP_WINOGRAD_WGRAD_TRANSFORM = 10;
/** Winograd filter gradient: dU[t] += V[t]^T * DY[t] over the chunk's tiles, one task per transform point t. */
export const OP_WINOGRAD_WGRAD_GEMM = 11;
/**
 * Winograd filter gradient in one pass where the dU partials are small next to V and Y: one task
 * per chunk of J_M tiles (of J_WG_TILES), transforming blocks of J_WG_TASK_TILES tiles into the
 * thread's scratch (WGRAD_TMP_BYTES, then V and Y panels of that many tiles) and multiplying them
 * into the chunk's own dU at J_WG_DU_PTR + chunk * 36 * CP * KP floats; OP_SUM_CHUNKS adds them.
 */
export const OP_WINOGRAD_WGRAD_FUSED = 26;
/** Per-thread scratch of a filter-gradient tile transform (tmp and gathered vectors), bytes. */
export const WGRAD_TMP_BYTES = 2048;
/** Winograd filter gradient: dw = G^T dU G, one task per 4 input channels. */
export const OP_WINOGRAD_WGRAD_FILTER = 12;
/** Max-pool gradient: dx (J_OUT_PTR) from dy and argmax, J_M outputs and J_N inputs per image, one task per image. */
export const OP_MAX_POOL_GRAD = 13;
/** y = x * scale + shift per channel on [rows = J_M, channels = J_N], one task per J_CHANNEL_BLOCK rows (GAMMA = scale, BETA = shift). */
export const OP_BATCH_NORM_INFERENCE = 14;
/** Dropout mask from Alea states (assembly/f32_dropout_mask_alea_x4_wasm.ts), one task per DROPOUT_STREAMS_PER_TASK streams. */
export const OP_DROPOUT_MASK = 15;
export const DROPOUT_STREAMS_PER_TASK = 4;
/** GEMM of at most 4 rows per batch entry with A and B read in place, unpacked (assembly/gemm.ts gemmRowsTasks). */
export const OP_GEMM_ROWS = 16;
/**
 * Adam's update in place on heap-resident variables (assembly/f32_adam_f64x2_wasmsimd.ts): J_M
 * entries of ADAM_ENTRY_WORDS words at J_A_PTR, f64 [alpha, 1 - beta1, 1 - beta2, epsilon] at
 * J_X_PTR; one task per J_CHANNEL_BLOCK elements of one variable, J_NTASKS in all.
 */
export const OP_ADAM = 17;
export const ADAM_W = 0;
export const ADAM_G = 1;
export const ADAM_M = 2;
export const ADAM_V = 3;
/** 0 without AMSGrad. */
export const ADAM_V_HAT = 4;
export const ADAM_LENGTH = 5;
/** The entry's first task: tasks are numbered through the entries in order. */
export const ADAM_FIRST_TASK = 6;
export const ADAM_ENTRY_WORDS = 8;
/** Average pool (assembly/f32_avg_pool_c4_wasmsimd.ts), pool geometry as OP_MAX_POOL, one task per output row. */
export const OP_AVG_POOL = 18;
/** Average-pool gradient, gathered (assembly/f32_avg_pool_grad_c4_wasmsimd.ts): dy (J_DY_PTR) -> dx (J_OUT_PTR), one task per input row. */
export const OP_AVG_POOL_GRAD = 19;
/**
 * Resize of NHWC images by the tables at J_A_PTR (rowLo, rowHi, rowFrac over J_GRID_H outputs, then
 * colLo, colHi, colFrac over J_GRID_W); J_FLAGS 1 = bilinear. Forward: one task per output row.
 */
export const OP_RESIZE = 20;
/** Its gradient: one task per input row (b, i), which gathers the output rows that read it. */
export const OP_RESIZE_GRAD = 21;
/**
 * Depthwise conv (assembly/f32_dwconv_c4_wasmsimd.ts): forward, one task per output row (b, oy);
 * input gradient, one task per input row (b, iy); filter gradient, one task per chunk of J_M output
 * rows (of J_BATCH images) into its own partial, then OP_SUM_CHUNKS. Fields: A_PTR x, X_PTR w, Y_PTR y / dx /
 * partials, DY_PTR dy, OUT_PTR dw, BIAS_PTR (0: none), FLAGS (EPILOGUE_RELU), SRC_H/W/C input,
 * GRID_H/W output, N output channels, POOL_H/W kernel size, STRIDE_H/W, Y_TAP / X_TAP dilation,
 * PAD_TOP/LEFT.
 */
export const OP_DWCONV = 40;
export const OP_DWCONV_INPUT_GRAD = 41;
export const OP_DWCONV_FILTER_GRAD = 42;
/**
 * Sum of chunk partials in chunk order (assembly/f32_sum_chunks_x4_wasmsimd.ts): J_OUT_PTR gets
 * J_M floats, the sum of the J_K partials at J_Y_PTR, J_LDC floats apart; one task per J_CHANNEL_BLOCK floats.
 */
export const OP_SUM_CHUNKS = 43;
/**
 * Filter gradient of a dense conv with few filter rows (assembly/f32_conv2d_filter_grad_9x4_wasmsimd.ts):
 * one task per chunk of J_M output rows (of J_BATCH images) into its own partial of J_K rows (the
 * filter's kh * kw * inC rounded up to 9) x N floats at Y_PTR, then OP_SUM_CHUNKS. Geometry fields
 * as OP_DWCONV; SCRATCH_PTR / STRIDE: per thread, kh zero-padded input rows.
 */
export const OP_CONV_FILTER_GRAD = 44;
/**
 * Forward dense conv with few filter rows (assembly/f32_conv2d_4x8_wasmsimd.ts): one task per J_M
 * output rows (of J_BATCH images); PB_PTR the filter [kh * kw * inC][N], BIAS_PTR (0: none; else
 * zero-padded to 8), FLAGS (EPILOGUE_RELU), Y_PTR the dense output. Geometry fields as OP_DWCONV;
 * SCRATCH_PTR / STRIDE: per thread, the packed filter, its row offsets and kh zero-padded input rows.
 */
export const OP_CONV_DIRECT = 45;
/** Elementwise a op b (assembly/f32_vbinary_x4_wasmsimd.ts): op BINARY_* in J_FLAGS, one task per J_CHANNEL_BLOCK values. */
export const OP_BINARY = 30;
export const BINARY_ADD = 1;
export const BINARY_SUB = 2;
export const BINARY_MUL = 3;
export const BINARY_DIV = 4;
/** Image transform (assembly/f32_image_transform_wasm.ts): one task per output row; its adjoint, one task per image. */
export const OP_IMAGE_TRANSFORM = 22;
export const OP_IMAGE_TRANSFORM_GRAD = 23;
/**
 * Layer norm on [rows = J_M, features = J_N] (assembly/f32_layer_norm_*_c4_wasmsimd.ts), one task per
 * J_CHANNEL_BLOCK rows; MEAN / INV_STD are per row. The backward's tasks are row_chunks.ts's chunks:
 * dx of their rows, and their float64 partial sums of dy and dy * xhat (2 * N f64 per chunk at ACC).
 */
export const OP_LAYER_NORM_FORWARD = 24;
export const OP_LAYER_NORM_BACKWARD = 25;
/** Test hook: traps in worker threads so the error path can be exercised. */
export const OP_FAULT = 99;

/** Flags of a micro-kernel call (J_FLAGS): what happens to the tile after this kc block's products. */
/** Add the tile already in C (partial sums of earlier kc blocks, or of earlier chunks). */
export const EPILOGUE_ACCUMULATE = 1;
/** Add bias[j] (last kc block only). */
export const EPILOGUE_BIAS = 2;
/** Clamp at zero, keeping NaN (last kc block only). */
export const EPILOGUE_RELU = 4;

/** How the GEMM reads A. */
export const A_STRIDED = 0; // A[i, p] = a[i * aRs + p * aCs]
export const A_IM2COL = 1; // rows are output pixels, columns (tap, channel): conv forward / input grad
export const A_IM2COL_T = 2; // rows (tap, channel), columns pixels: conv filter grad

/** Field indices (u32 words) of a job. */
export const J_COUNTER = 0; // next task to claim (atomic)
export const J_NTASKS = 1;
export const J_M = 2;
export const J_N = 3;
export const J_K = 4;
export const J_MC = 5; // rows of C per task
export const J_NC = 6; // columns of C per task (multiple of 8)
export const J_TILES_M = 7;
export const J_TILES_N = 8;
export const J_A_MODE = 9;
export const J_A_PTR = 10;
export const J_A_BATCH_STRIDE = 11;
export const J_A_RS = 12;
export const J_A_CS = 13;
export const J_BP_PTR = 14; // packed B: per batch entry, ceil(n/8) panels of [k][8]
export const J_BP_BATCH_STRIDE = 15;
export const J_C_PTR = 16; // padded C: ldc = roundUp(n, 8), rows roundUp(m, 4) per task block
export const J_LDC = 17;
export const J_C_BATCH_STRIDE = 18;
export const J_BIAS_PTR = 19; // 0: no bias; else roundUp(n, 8) floats, zero padded
export const J_FLAGS = 20; // EPILOGUE_* below
export const J_SCRATCH_PTR = 21; // per-thread packed-A block, mc * kc floats each
export const J_SCRATCH_STRIDE = 22;
// Convolution geometry for the im2col modes. Source pixel of output pixel (y, x) and tap (kh, kw):
// sy = (y * yMul + yAdd + kh * yTap) / yDiv, valid when exact and inside [0, srcH).
// Forward: yMul = stride, yAdd = -padTop, yTap = dilation, yDiv = 1. Input grad (gather from dy):
// yMul = 1, yAdd = padTop, yTap = -dilation, yDiv = stride. Same for x.
export const J_GRID_H = 23;
export const J_GRID_W = 24;
export const J_SRC_H = 25;
export const J_SRC_W = 26;
export const J_SRC_C = 27;
export const J_KW = 28;
export const J_Y_MUL = 29;
export const J_Y_ADD = 30;
export const J_Y_TAP = 31;
export const J_Y_DIV = 32;
export const J_X_MUL = 33;
export const J_X_ADD = 34;
export const J_X_TAP = 35;
export const J_X_DIV = 36;
export const J_BATCH = 37;
// Packing B (OP_PACK_B): B[p, j] = b[batch * pbBatchStride + p * pbRs + j * pbCs].
export const J_PB_PTR = 38;
export const J_PB_BATCH_STRIDE = 39;
export const J_PB_RS = 40;
export const J_PB_CS = 41;
// Max pool: geometry (reuses SRC_*, GRID_*), pool size and the outputs.
export const J_POOL_H = 42;
export const J_POOL_W = 43;
export const J_STRIDE_H = 44;
export const J_STRIDE_W = 45;
export const J_PAD_TOP = 46;
export const J_PAD_LEFT = 47;
export const J_Y_PTR = 48;
export const J_ARGMAX_PTR = 49;
// Blocked kernels on [rows = J_M, channels = J_N] data: task t owns channels (or, for batch norm
// and its inference form, rows) [t * J_CHANNEL_BLOCK, (t + 1) * J_CHANNEL_BLOCK); per-channel arrays are C floats.
export const J_CHANNEL_BLOCK = 50;
export const J_X_PTR = 51;
export const J_DY_PTR = 52;
export const J_OUT_PTR = 53; // y (forward) or dx (backward), [rows, channels]
export const J_GAMMA_PTR = 54;
export const J_BETA_PTR = 55;
export const J_MEAN_PTR = 56;
export const J_VARIANCE_PTR = 57;
export const J_INV_STD_PTR = 58;
export const J_EPSILON_PTR = 59; // one f64: layer norm's epsilon
export const J_D_GAMMA_PTR = 60;
export const J_D_BETA_PTR = 61; // also the conv bias gradient; 0: not wanted
export const J_MASK_PTR = 62; // relu output whose sign masks dy; 0: no mask
export const J_ACC_PTR = 63; // f64 accumulators: per channel, or per chunk of rows and channel
// Winograd F(4x4, 3x3) (OP_WINOGRAD_*): also SRC_H/W (input), SRC_C (input channels), GRID_H/W
// (output), PAD_TOP/LEFT, A_PTR (input), Y_PTR (output), N (output channels), BIAS_PTR, FLAGS,
// SCRATCH_PTR/STRIDE, X_PTR (the filter). Input pixel of output (oy, ox) through tap (a, b):
// (oy - padTop + a, ox - padLeft + b).
export const J_WG_TILES_W = 64; // output tiles per row
export const J_WG_TILES_PER_IMAGE = 65;
export const J_WG_TILES = 66; // in all images
export const J_WG_TASK_TILES = 67; // per task (the convolution's first J_WG_HEAD_TASKS tasks), a multiple of 4
export const J_WG_CP = 68; // input channels rounded up to 4 (the GEMM's k)
export const J_WG_U_PTR = 69; // packed U: [36][ceil(n / 8)][CP][8]
export const J_WG_FLAG_PTR = 70; // i32 set to 1 when an input or filter value is not finite
// Filter element of tap (a, b), GEMM row p (input channel) and column j (output channel):
// x[tap * TAP_STRIDE + p * P_STRIDE + j * J_STRIDE], tap = 3 a + b, or 3 (2 - a) + (2 - b) with FLIP.
export const J_WG_TAP_STRIDE = 71;
export const J_WG_P_STRIDE = 72;
export const J_WG_J_STRIDE = 73;
export const J_WG_FLIP = 74;
// Filter gradient (OP_WINOGRAD_WGRAD_*): the chunk's first tile, and the transformed panels.
export const J_WG_FIRST_TILE = 75;
export const J_WG_V_PTR = 76; // [36][CP / 4][tiles][4]: x tiles, GEMM A panels (rows = input channels)
export const J_WG_DY_PTR = 77; // [36][KP / 8][tiles][8]: dy tiles, GEMM B panels (columns = output channels)
export const J_WG_DU_PTR = 78; // [36][CP][KP]: the gradient of U, accumulated over chunks
// Winograd convolution: J_WG_HEAD_TASKS tasks of J_WG_TASK_TILES tiles, then tasks of J_WG_TAIL_TILES
// (fewer, a multiple of 4), so the threads finish the job together.
export const J_WG_HEAD_TASKS = 79;
export const J_WG_TAIL_TILES = 80;
export const J_WORDS = 81;

/** K block of every GEMM: fixed (never depends on the thread count) so results are bit-identical.
 * 256 floats x 8 columns = 8 KiB B micro-panel, stays in L1 while the A block (mc x kc) streams from L2. */
export const KC = 256;
