/**
 * The kernel interface. Ops and autograd call only these functions, so a backend is a set of
 * kernels on flat row-major typed arrays; shapes and bookkeeping stay in the ops.
 * Every kernel returns a freshly allocated output and never mutates its inputs.
 */

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

/** Geometry of a 2D max pool, NHWC. */
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

/** Activation fused into a kernel's epilogue. */
export type FusedActivation = 'linear' | 'relu';

export type UnaryKernel =
  | 'neg' | 'exp' | 'log' | 'sqrt' | 'square' | 'abs' | 'relu' | 'sigmoid' | 'tanh' | 'sign' | 'reciprocal';
export type BinaryKernel = 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'maximum' | 'minimum' | 'greaterEqual' | 'equal';
export type ReduceKernel = 'sum' | 'max' | 'min';

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
  /** dx from dy (NHWC, [batch, outH, outW, outC]) and w. */
  conv2dInputGrad(dy: Float32Array, w: Float32Array, info: Conv2dInfo): Float32Array;
  /** dw ([kh, kw, inC, outC]) from x and dy. */
  conv2dFilterGrad(x: Float32Array, dy: Float32Array, info: Conv2dInfo): Float32Array;

  /** y and, for the gradient, the flat input index of each output's max (first max on ties). */
  maxPool2d(x: Float32Array, info: Pool2dInfo): { y: Float32Array; argmax: Int32Array };
  /** dx: each dy routed to its argmax position (accumulating where windows overlap). */
  maxPool2dGrad(dy: Float32Array, argmax: Int32Array, info: Pool2dInfo): Float32Array;

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
}
