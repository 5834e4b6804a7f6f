/**
 * The kernel interface. Ops and autograd call only these functions, so a backend is a set of
 * kernels on flat row-major typed arrays; shapes and bookkeeping stay in the ops.
 * Every kernel returns its own output (inside a kernelScope it may be a view of the backend's
 * memory) and never mutates its inputs; adamUpdate, which updates w, m and v in place, is the one
 * exception.
 */

import type { RngState } from '../alea';
import type { DType, TypedArray } from '../tensor/tensor';

/** Geometry of a 2D convolution, NHWC input, kernel [kh, kw, inC, outC], output NHWC. */
export interface Conv2dInfo {
  batch: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  kernelHeight: number;
  kernelWidth: number;
  strideHeight: number;
  strideWidth: number;
  dilationHeight: number;
  dilationWidth: number;
  /** Padding before the first row / column; 'same' puts the odd extra pixel after (TensorFlow). */
  padTop: number;
  padLeft: number;
}

/** Geometry of a 2D pool (max or average), NHWC. */
export interface Pool2dInfo {
  batch: number;
  inHeight: number;
  inWidth: number;
  channels: number;
  outHeight: number;
  outWidth: number;
  poolHeight: number;
  poolWidth: number;
  strideHeight: number;
  strideWidth: number;
  padTop: number;
  padLeft: number;
}

/**
 * Geometry of a 2D resize of NHWC images (UpSampling2D). Output row r blends source rows rowLo[r]
 * and rowHi[r] with weight rowFrac[r] on rowHi, columns alike; 'nearest' reads rowLo / colLo only.
 * The op computes the tables once, so every backend reads the same source indices and weights.
 */
export interface Resize2dInfo {
  batch: number;
  inHeight: number;
  inWidth: number;
  channels: number;
  outHeight: number;
  outWidth: number;
  bilinear: boolean;
  rowLo: Int32Array;
  rowHi: Int32Array;
  rowFrac: Float32Array;
  colLo: Int32Array;
  colHi: Int32Array;
  colFrac: Float32Array;
}

/** Activation fused into a kernel's epilogue. */
export type FusedActivation = 'linear' | 'relu';

/** Which gradients a fused backward kernel computes; the others come back null. */
export interface ConvGradsNeeded {
  input: boolean;
  filter: boolean;
  bias: boolean;
}

/** Gradients of a fused conv2d: dx NHWC, dw [kh, kw, inC, outC], db [outC]; null when not needed. */
export interface Conv2dGrads {
  dx: Float32Array | null;
  dw: Float32Array | null;
  db: Float32Array | null;
}

/** Training-mode batch norm of x viewed as [rows, channels]: y and the per-channel batch statistics. */
export interface BatchNormForwardResult {
  y: Float32Array;
  mean: Float32Array;
  /** Biased variance (divided by rows). */
  variance: Float32Array;
  /** 1 / sqrt(variance + epsilon): with mean, all the backward pass needs to recompute xhat. */
  invStd: Float32Array;
}

export interface BatchNormGrads {
  dx: Float32Array;
  dGamma: Float32Array;
  dBeta: Float32Array;
}

/** Layer norm of x viewed as [rows, features]: y and each row's statistics. */
export interface LayerNormForwardResult {
  y: Float32Array;
  /** Per row. */
  mean: Float32Array;
  /** Per row: 1 / sqrt(biased variance + epsilon). */
  invStd: Float32Array;
}

/** Gaussian noise and the generator state after its draws. */
export interface NormalNoiseResult {
  noise: Float32Array;
  state: RngState;
}

/** An inverted-dropout mask and the generator state after its draws. */
export interface DropoutMaskResult {
  mask: Float32Array;
  state: RngState;
}

/** How an image transform samples: `fillMode` says what lies outside the image (see imageTransform). */
export interface ImageTransformInfo {
  batch: number;
  height: number;
  width: number;
  channels: number;
  interpolation: 'bilinear' | 'nearest';
  fillMode: 'constant' | 'nearest' | 'reflect' | 'wrap';
  /** The value outside the image in 'constant' mode (already rounded to float32). */
  fillValue: number;
}

export type UnaryKernel =
  | 'neg' | 'exp' | 'log' | 'sqrt' | 'square' | 'abs' | 'relu' | 'sigmoid' | 'tanh' | 'sign' | 'reciprocal';
/**
 * Pointwise activations with a kernel pair of their own (Keras 3 formulas, float64 inside, one
 * rounding to float32). 'relu' is Keras 3's general ReLU, parameterised by ReluParams.
 */
export type ActivationKernel = 'relu' | 'selu' | 'gelu' | 'silu' | 'mish' | 'softplus' | 'softsign' | 'hardSigmoid' | 'hardSilu';
/** Keras 3's relu(x, negative_slope, max_value, threshold): x > threshold ? min(x, maxValue) : negativeSlope * (x - threshold). */
export interface ReluParams {
  negativeSlope: number;
  /** Infinity for none. */
  maxValue: number;
  threshold: number;
}

export type BinaryKernel = 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'maximum' | 'minimum' | 'greaterEqual' | 'equal';
export type ReduceKernel = 'sum' | 'max' | 'min';

/** One variable's arrays for {@link Backend.adamUpdate}; w, m, v and vHat are updated in place. */
export interface AdamArrays {
  w: Float32Array;
  g: Float32Array;
  m: Float32Array;
  v: Float32Array;
  /** AMSGrad's running maximum of v. */
  vHat?: Float32Array;
}

export interface Backend {
  readonly name: string;

  /**
   * C = op(A) * op(B) for `batch` independent matrices, C is [m, n].
   * A is [m, k] ([k, m] if transA), B is [k, n] ([n, k] if transB), each stored contiguously
   * per batch entry; a B holding only n*k values is one matrix shared across the batch.
   * Optional epilogue: C[i, j] = act(C[i, j] + bias[j]).
   */
  matMul(
    a: Float32Array, b: Float32Array,
    batch: number, m: number, n: number, k: number,
    transA: boolean, transB: boolean,
    bias?: Float32Array | null, activation?: FusedActivation,
  ): Float32Array;

  /** y = act(conv2d(x, w) + bias), NHWC. */
  conv2d(x: Float32Array, w: Float32Array, info: Conv2dInfo, bias?: Float32Array | null, activation?: FusedActivation): Float32Array;
  /**
   * The whole conv2d backward in one call: dy is masked once by the fused activation (with
   * 'relu', dy where y > 0, y being the forward output), then the needed gradients are computed
   * from that one masked dy; db sums it over batch, rows and columns per output channel.
   */
  conv2dBackward(
    x: Float32Array, w: Float32Array, dy: Float32Array, y: Float32Array | null,
    info: Conv2dInfo, need: ConvGradsNeeded, activation: FusedActivation,
  ): Conv2dGrads;

  /**
   * y = act(depthwiseConv2d(x, w) + bias), NHWC: w is [kh, kw, inC, dm] with dm = outC / inC, and
   * output channel c * dm + m is input channel c convolved with w[:, :, c, m]. Taps in the padding
   * are skipped.
   */
  depthwiseConv2d(x: Float32Array, w: Float32Array, info: Conv2dInfo, bias?: Float32Array | null, activation?: FusedActivation): Float32Array;
  /** Its backward in one call, as conv2dBackward: dy masked once by the fused activation; dw is [kh, kw, inC, dm]. */
  depthwiseConv2dBackward(
    x: Float32Array, w: Float32Array, dy: Float32Array, y: Float32Array | null,
    info: Conv2dInfo, need: ConvGradsNeeded, activation: FusedActivation,
  ): Conv2dGrads;

  /**
   * Batch norm of x viewed as [rows, channels] (channels last): y = gamma * xhat + beta with
   * xhat = (x - mean) * invStd over each channel's rows. Null gamma / beta mean 1 / 0.
   */
  batchNormForward(x: Float32Array, gamma: Float32Array | null, beta: Float32Array | null, channels: number, epsilon: number): BatchNormForwardResult;
  /**
   * The analytic batch-norm backward, gradient flowing through the batch statistics:
   * dx = gamma * invStd * (dy - mean(dy) - xhat * mean(dy * xhat)), dGamma = sum(dy * xhat),
   * dBeta = sum(dy), per channel; xhat is recomputed from x, mean and invStd.
   */
  batchNormBackward(
    x: Float32Array, dy: Float32Array, mean: Float32Array, invStd: Float32Array, gamma: Float32Array | null, channels: number,
  ): BatchNormGrads;

  /**
   * Batch norm with fixed (moving) statistics, folded by the op into a per-channel affine map of x
   * viewed as [rows, channels]: y = x * scale + shift, rounded to float32 after each operation.
   */
  batchNormInference(x: Float32Array, scale: Float32Array, shift: Float32Array, channels: number): Float32Array;
  /**
   * Its backward: dx = dy * scale; dGamma = sum(dy * (x - mean) * invStd) and dBeta = sum(dy) per
   * channel, summed in float64.
   */
  batchNormInferenceBackward(
    x: Float32Array, dy: Float32Array, mean: Float32Array, invStd: Float32Array, scale: Float32Array, channels: number,
  ): BatchNormGrads;

  /**
   * Layer norm of x viewed as [rows, features]: y = gamma * ((x - mean) * invStd) + beta with each
   * row's mean and biased variance. Row sums are float64 in a fixed order (four interleaved partial
   * sums over whole vectors of 4, added pairwise, then the tail), so every backend gives the same bits.
   */
  layerNormForward(x: Float32Array, gamma: Float32Array | null, beta: Float32Array | null, features: number, epsilon: number): LayerNormForwardResult;
  /**
   * Its analytic backward, through the row statistics: with g = dy * gamma,
   * dx = invStd * ((g - mean(g)) - xhat * mean(g * xhat)) per row (row sums as the forward's);
   * dGamma = sum over rows of dy * xhat, dBeta = sum of dy, per feature in float64, rows in order.
   */
  layerNormBackward(x: Float32Array, dy: Float32Array, mean: Float32Array, invStd: Float32Array, gamma: Float32Array | null, features: number): BatchNormGrads;

  /**
   * An inverted-dropout mask of `size` values: for each, one Alea draw u from `state` (in order),
   * scale when u < keep, else 0. Returns the state after the last draw.
   */
  dropoutMask(size: number, keep: number, scale: number, state: RngState): DropoutMaskResult;
  /**
   * `size` normal draws times `stddev`: random.ts's Box-Muller sampler (normalSampler) over the Alea
   * generator at `state`, in order (a pair per two draws; an odd size drops the last spare). Returns
   * the state after the last draw.
   */
  normalNoise(size: number, stddev: number, state: RngState): NormalNoiseResult;

  /** y and, for the gradient, the flat input index of each output's max (first max on ties). */
  maxPool2d(x: Float32Array, info: Pool2dInfo): { y: Float32Array; argmax: Int32Array };
  /** dx: each dy routed to its argmax position (accumulating where windows overlap). */
  maxPool2dGrad(dy: Float32Array, argmax: Int32Array, info: Pool2dInfo): Float32Array;
  /**
   * Average of each window's in-image taps (TensorFlow's 'same': padded cells are not counted),
   * summed in float32 in row-major window order, then divided by the count.
   */
  avgPool2d(x: Float32Array, info: Pool2dInfo): Float32Array;
  /** dx: each input sums dy / count (rounded to float32) over the windows covering it, in output order. */
  avgPool2dGrad(dy: Float32Array, info: Pool2dInfo): Float32Array;

  /**
   * Resize by the info's tables. Bilinear is TensorFlow's formula, one float32 rounding per
   * operation: top = tl + (tr - tl) * cf, bottom = bl + (br - bl) * cf, y = top + (bottom - top) * rf.
   */
  resize2d(x: Float32Array, info: Resize2dInfo): Float32Array;
  /**
   * Its backward, a deterministic scatter: each input row sums, in output order (rows, then
   * columns, low corner before high), dy times its float32 weight (1 - rf) or rf times (1 - cf) or cf.
   */
  resize2dGrad(dy: Float32Array, info: Resize2dInfo): Float32Array;

  /**
   * Resamples each NHWC image through its own projective map, Keras's `affine_transform`:
   * transforms holds 8 values per image [a0, a1, a2, b0, b1, b2, c0, c1] taking output pixel
   * (x, y) to input point ((a0 x + a1 y + a2) / k, (b0 x + b1 y + b2) / k), k = c0 x + c1 y + 1.
   * Each integer neighbour outside the image is read through fillMode as if the image were
   * padded ('reflect' d c b a | a b c d | d c b a, 'wrap', 'nearest' edge, 'constant' fillValue),
   * then the neighbours are blended bilinearly or the nearest one (floor(x + 0.5)) taken.
   * Coordinates are evaluated in float64 along each row (start at x = 0, add a0, b0, c0 per
   * pixel) and the blend in float64, rounded once to float32.
   */
  imageTransform(x: Float32Array, transforms: Float64Array, info: ImageTransformInfo): Float32Array;
  /** Its adjoint in x: each dy spread back over the neighbours it was blended from (none for fill). */
  imageTransformGrad(dy: Float32Array, transforms: Float64Array, info: ImageTransformInfo): Float32Array;

  /** out[i] = f(x[i]). */
  unary(op: UnaryKernel, x: Float32Array): Float32Array;
  /** out = f(a, b) with NumPy broadcasting; shapes are already checked and outShape computed. */
  binary(op: BinaryKernel, a: Float32Array, aShape: readonly number[], b: Float32Array, bShape: readonly number[], outShape: readonly number[]): Float32Array;
  /**
   * Reduction of x viewed as [outer, reduce, inner] over the middle axis: out is [outer, inner].
   * Ops transpose first when the reduced axes are not one contiguous block.
   */
  reduce(op: ReduceKernel, x: Float32Array, outer: number, reduce: number, inner: number): Float32Array;

  /** Row-major transpose by a permutation. */
  transpose(x: Float32Array, shape: readonly number[], perm: readonly number[]): Float32Array;
  /** Index of the largest value over the middle axis of x viewed as [outer, n, inner] (first on ties). */
  argmax(x: Float32Array, outer: number, n: number, inner: number): Int32Array;

  /** The ReLU backward from its output: dy where y > 0, else 0. */
  reluGrad(dy: Float32Array, y: Float32Array): Float32Array;
  /** x for x > 0, alpha * (exp(x) - 1) otherwise; and its backward from x and y: dy, or dy * (y + alpha). */
  elu(x: Float32Array, alpha: number): Float32Array;
  eluGrad(dy: Float32Array, x: Float32Array, y: Float32Array, alpha: number): Float32Array;
  /** out[i] = f(x[i]) for an ActivationKernel (`relu` reads `params`, the others ignore it); and its backward from x. */
  activation(op: ActivationKernel, x: Float32Array, params?: ReluParams): Float32Array;
  activationGrad(op: ActivationKernel, dy: Float32Array, x: Float32Array, params?: ReluParams): Float32Array;
  /** x clamped to [min, max]; and its backward: dy where min <= x <= max, else 0. */
  clip(x: Float32Array, min: number, max: number): Float32Array;
  clipGrad(dy: Float32Array, x: Float32Array, min: number, max: number): Float32Array;
  /**
   * log(softmax) over the middle axis of x viewed as [outer, n, inner], exact for any magnitude;
   * the softmax backward from its output y, and the logSoftmax backward from its output.
   */
  logSoftmax(x: Float32Array, outer: number, n: number, inner: number): Float32Array;
  softmaxGrad(dy: Float32Array, y: Float32Array, outer: number, n: number, inner: number): Float32Array;
  logSoftmaxGrad(dy: Float32Array, y: Float32Array, outer: number, n: number, inner: number): Float32Array;

  /** The block [begin, begin + size) of x (shape `shape`), in x's dtype; and its backward (zeros elsewhere). */
  slice(x: TypedArray, shape: readonly number[], begin: readonly number[], size: readonly number[]): TypedArray;
  sliceGrad(dy: Float32Array, size: readonly number[], shape: readonly number[], begin: readonly number[]): Float32Array;
  /** Parts viewed as [outer, lens[i]] joined along the second axis (int32 only when every part is). */
  concat(parts: readonly TypedArray[], outer: number, lens: readonly number[]): TypedArray;
  /** Rows idx[i] of `row` values each (indices already checked), in x's dtype; and the backward (a scatter-add). */
  gather(x: TypedArray, idx: ArrayLike<number>, row: number): TypedArray;
  gatherGrad(dy: Float32Array, idx: ArrayLike<number>, rows: number, row: number): Float32Array;
  /** To int32 truncating toward zero, or to float32. */
  cast(x: TypedArray, dtype: DType): TypedArray;
  /** One-hot rows of `depth` for (already checked) indices. */
  oneHot(indices: ArrayLike<number>, depth: number, onValue: number, offValue: number): Float32Array;

  /**
   * Adam's update (Keras 3's formula) in place on every variable of one step, the one kernel that
   * writes its arguments: m += (g - m)(1 - beta1), v += (g^2 - v)(1 - beta2),
   * w -= alpha m / (sqrt(v) + epsilon); with `vHat` (AMSGrad) vHat = max(vHat, v) replaces v in the
   * last step. Float64 arithmetic with each stored value rounded to float32, so every backend gives
   * the same bits. One call for all variables: one parallel job per step, not one per variable.
   */
  adamUpdate(variables: readonly AdamArrays[], alpha: number, beta1: number, beta2: number, epsilon: number): void;

  /**
   * Optional: between enterScope and the matching exitScope, kernels may return views of the
   * backend's own memory (valid until exitScope) and read such views in place. See kernelScope.
   */
  enterScope?(): void;
  exitScope?(): void;
  /**
   * Optional: `count` zeroed floats of the backend's own memory for a variable's values, so its
   * kernels read the weights in place; freed when the array is garbage. Null when not possible now.
   */
  allocPersistent?(count: number): Float32Array | null;
}
