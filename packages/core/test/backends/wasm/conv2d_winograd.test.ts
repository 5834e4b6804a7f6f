import { setWasmConvAlgorithm, wasmBackend, type Conv2dInfo } from '../../../src';
import {
  conv2dFilterSize, conv2dInputSize, conv2dOutputSize, expectAllClose, makeConv2dInfo, naiveConv2d, naiveConv2dFilterGrad,
  naiveConv2dInputGrad,
} from '../../helpers/naive_kernels';
import { OP_WINOGRAD_WGRAD_FUSED, OP_WINOGRAD_WGRAD_TRANSFORM } from '../../../src/backends/wasm/job_layout';
import { VARIANTS, expectBitIdentical, randomArray, withOpTrace, withSettings } from '../../helpers/wasm_setup';
import { convFilterGrad, convInputGrad } from '../../helpers/conv_grads';
import { splitTail } from '../../../src/backends/wasm/conv2d_winograd';

// Winograd F(4x4, 3x3) against the float64 naive oracle, on output sizes that are not multiples
// of the 4x4 tile (edge tiles), channel counts off the 4-channel vectors and the 8-column panels,
// 'same' and 'valid' padding, and channel counts past one 256-deep K block.
const conv = (batch: number, h: number, w: number, cin: number, cout: number, padding: 'valid' | 'same'): Conv2dInfo =>
  makeConv2dInfo({ batch, inHeight: h, inWidth: w, inChannels: cin, outChannels: cout, kernelHeight: 3, kernelWidth: 3, padding });

const CASES: Array<[string, Conv2dInfo]> = [
  ['7x5 output, 8 -> 9 channels', conv(2, 9, 7, 8, 9, 'valid')],
  ['13x11 same, 12 -> 17', conv(1, 13, 11, 12, 17, 'same')],
  ['1x1 output, 3 -> 5 (forced)', conv(3, 3, 3, 3, 5, 'valid')],
  ['5x4 same, 9 -> 8', conv(2, 5, 4, 9, 8, 'same')],
  ['exact 4x4 tiles, 16 -> 16', conv(2, 10, 10, 16, 16, 'valid')],
  ['300 input channels (two K blocks), 6x6 same', conv(1, 6, 6, 300, 12, 'same')],
  ['64 -> 128 channels, as the article\'s third conv', conv(1, 14, 14, 64, 128, 'valid')],
];

function run(algorithm: 'winograd' | 'direct', body: () => Float32Array): Float32Array {
  setWasmConvAlgorithm(algorithm);
  try {
    return body();
  } finally {
    setWasmConvAlgorithm('auto');
  }
}

describe.each(VARIANTS)('wasm Winograd F(4x4, 3x3) conv (%s)', (variant) => {
  it.each(CASES)('forward (bias, relu), input and filter gradients match the oracle within 1e-4: %s', (name, info) => {
    const x = randomArray(conv2dInputSize(info), `x${name}`);
    const w = randomArray(conv2dFilterSize(info), `w${name}`);
    const dy = randomArray(conv2dOutputSize(info), `dy${name}`);
    const bias = randomArray(info.outChannels, `b${name}`);
    withSettings(variant, 2, () => {
      expectAllClose(run('winograd', () => wasmBackend.conv2d(x, w, info, bias, 'relu')), naiveConv2d(x, w, info, bias, 'relu'));
      expectAllClose(run('winograd', () => wasmBackend.conv2d(x, w, info)), naiveConv2d(x, w, info));
      expectAllClose(run('winograd', () => convInputGrad(wasmBackend, dy, w, info)), naiveConv2dInputGrad(dy, w, info));
      expectAllClose(run('winograd', () => convFilterGrad(wasmBackend, x, dy, info)), naiveConv2dFilterGrad(x, dy, info));
    });
  });

  it('really runs by Winograd on finite data: its bits differ from direct convolution (no silent fallback)', () => {
    const info = conv(3, 23, 21, 24, 40, 'same');
    const x = randomArray(conv2dInputSize(info), 'xw');
    const w = randomArray(conv2dFilterSize(info), 'ww');
    const dy = randomArray(conv2dOutputSize(info), 'dyw');
    withSettings(variant, 2, () => {
      for (const f of [() => wasmBackend.conv2d(x, w, info), () => convInputGrad(wasmBackend, dy, w, info), () => convFilterGrad(wasmBackend, x, dy, info)]) {
        const winograd = run('winograd', f);
        const direct = run('direct', f);
        expectAllClose(winograd, direct);
        expect(Buffer.from(winograd.buffer, winograd.byteOffset, winograd.byteLength).equals(Buffer.from(direct.buffer, direct.byteOffset, direct.byteLength))).toBe(false);
      }
    });
  });

  it('gives the same bits on 1, 2 and 3 threads', () => {
    const info = conv(5, 23, 21, 24, 40, 'same');
    const x = randomArray(conv2dInputSize(info), 'x');
    const w = randomArray(conv2dFilterSize(info), 'w');
    const dy = randomArray(conv2dOutputSize(info), 'dy');
    const bias = randomArray(info.outChannels, 'b');
    const outputs = [1, 2, 3].map((threads) => withSettings(variant, threads, () => [
      run('winograd', () => wasmBackend.conv2d(x, w, info, bias, 'relu')),
      run('winograd', () => convInputGrad(wasmBackend, dy, w, info)),
      run('winograd', () => convFilterGrad(wasmBackend, x, dy, info)),
    ]));
    for (const other of outputs.slice(1)) {
      expectBitIdentical(other[0], outputs[0][0]);
      expectBitIdentical(other[1], outputs[0][1]);
      expectBitIdentical(other[2], outputs[0][2]);
    }
  });

  it('recomputes by direct convolution when an input or weight is not finite (TensorFlow\'s NaN / Inf pattern)', () => {
    const info = conv(2, 12, 12, 16, 16, 'valid');
    const w = randomArray(conv2dFilterSize(info), 'w');
    const dy = randomArray(conv2dOutputSize(info), 'dy');
    for (const bad of [NaN, Infinity, -Infinity]) {
      const x = randomArray(conv2dInputSize(info), 'x');
      x[5 * 12 * 16 + 6 * 16 + 3] = bad;
      const wBad = w.slice();
      wBad[40] = bad;
      dy[17] = bad;
      withSettings(variant, 2, () => {
        expectBitIdentical(run('winograd', () => wasmBackend.conv2d(x, w, info)), run('direct', () => wasmBackend.conv2d(x, w, info)));
        const xFinite = randomArray(conv2dInputSize(info), 'x');
        expectBitIdentical(run('winograd', () => wasmBackend.conv2d(xFinite, wBad, info, null, 'relu')),
          run('direct', () => wasmBackend.conv2d(xFinite, wBad, info, null, 'relu')));
        expectBitIdentical(run('winograd', () => convInputGrad(wasmBackend, dy, w, info)),
          run('direct', () => convInputGrad(wasmBackend, dy, w, info)));
        expectBitIdentical(run('winograd', () => convFilterGrad(wasmBackend, x, dy, info)),
          run('direct', () => convFilterGrad(wasmBackend, x, dy, info)));
      });
      // A lone Inf in direct convolution only touches the outputs that read it.
      const y = run('direct', () => wasmBackend.conv2d(x, w, info));
      expect(y.filter((v) => !Number.isFinite(v)).length).toBeLessThanOrEqual(9 * info.outChannels);
    }
  });
});

// The one-pass filter gradient (many tiles, few channels: the dU partials are small next to the
// transformed tiles): 4 images of 44x44 outputs, 32 -> 16 channels, are 484 tiles in blocks of 72,
// one chunk per block (7 chunks, the last block partial); 3 images of 28x25, 8 -> 12, one chunk of
// 147 tiles in a block of 148. The article's second conv at batch 6 takes the two-pass form.
it.each([
  ['7 chunks of one block', conv(4, 46, 46, 32, 16, 'valid')],
  ['one partial block, same padding', conv(3, 30, 27, 8, 12, 'same')],
])('the one-pass filter gradient matches the oracle and gives the same bits on 1, 2 and 3 threads: %s', (name, info) => {
  const x = randomArray(conv2dInputSize(info), `x${name}`);
  const dy = randomArray(conv2dOutputSize(info), `dy${name}`);
  const traced = [1, 2, 3].map((threads) => withOpTrace(() => withSettings(VARIANTS[0], threads, () => run('winograd', () => convFilterGrad(wasmBackend, x, dy, info)))));
  const [one, two, three] = traced.map((t) => t.result);
  expectAllClose(one, naiveConv2dFilterGrad(x, dy, info));
  expectBitIdentical(two, one);
  expectBitIdentical(three, one);
  for (const { ops } of traced) {
    expect(ops).toContain(OP_WINOGRAD_WGRAD_FUSED);
    expect(ops).not.toContain(OP_WINOGRAD_WGRAD_TRANSFORM);
  }
});

it('sums the filter gradient over chunks of images in one order: the article\'s second conv at batch 6 (chunks of 5 and 1 images)', () => {
  const info = conv(6, 46, 46, 32, 64, 'valid');
  const x = randomArray(conv2dInputSize(info), 'x');
  const dy = randomArray(conv2dOutputSize(info), 'dy');
  const traced = [1, 2].map((threads) => withOpTrace(() => withSettings(VARIANTS[0], threads, () => run('winograd', () => convFilterGrad(wasmBackend, x, dy, info)))));
  const [one, two] = traced.map((t) => t.result);
  expectAllClose(one, naiveConv2dFilterGrad(x, dy, info));
  expectBitIdentical(two, one);
  for (const { ops } of traced) {
    expect(ops).toContain(OP_WINOGRAD_WGRAD_TRANSFORM); // the two-pass form
    expect(ops).not.toContain(OP_WINOGRAD_WGRAD_FUSED);
  }
});

it("'auto' picks Winograd only for 3x3 stride-1 kernels with enough channels, and it agrees with direct", () => {
  const cases: Array<[Conv2dInfo, boolean]> = [
    [conv(2, 10, 10, 16, 16, 'valid'), true],
    [conv(2, 10, 10, 1, 32, 'valid'), false], // the article's first conv: one input channel
    [makeConv2dInfo({ batch: 2, inHeight: 10, inWidth: 10, inChannels: 16, outChannels: 16, kernelHeight: 3, kernelWidth: 3, strides: 2, padding: 'same' }), false],
  ];
  for (const [info, winograd] of cases) {
    const x = randomArray(conv2dInputSize(info), 'x');
    const w = randomArray(conv2dFilterSize(info), 'w');
    const auto = wasmBackend.conv2d(x, w, info);
    const direct = run('direct', () => wasmBackend.conv2d(x, w, info));
    expectAllClose(auto, direct);
    // Direct and Winograd round differently: equal bits tell which one ran.
    expect(Buffer.from(auto.buffer).equals(Buffer.from(direct.buffer))).toBe(!winograd);
  }
});

it('splits the last tiles of a multi-thread Winograd job into quarter-size tasks that cover every tile once', () => {
  for (const [tiles, taskTiles, threads] of [[180, 24, 2], [3872, 52, 2], [128, 16, 2], [800, 24, 3], [20, 8, 2], [7, 4, 2], [100, 12, 1]]) {
    const { headTasks, tailTiles, ntasks } = splitTail(tiles, taskTiles, threads);
    const covered = headTasks * taskTiles + (ntasks - headTasks) * tailTiles;
    expect(covered).toBeGreaterThanOrEqual(tiles); // the last task may be partial...
    expect(covered - tailTiles).toBeLessThan(tiles); // ...but never empty
    expect(tailTiles % 4).toBe(0);
    expect(tailTiles).toBeLessThanOrEqual(taskTiles); // the scratch is laid out for taskTiles
    if (threads === 1) expect(ntasks).toBe(Math.ceil(tiles / taskTiles));
    else expect(tiles - headTasks * taskTiles).toBeGreaterThanOrEqual(Math.min(tiles, 2 * threads * taskTiles)); // about 2 tasks per thread in small pieces
  }
});
