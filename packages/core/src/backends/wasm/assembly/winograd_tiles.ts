// Reading the tiles of an NHWC image for the Winograd kernels: a window of channel vectors, with
// zeros outside the image and past the last channel, and the input transform of a 6x6 window.
import { f32_winograd_4x4_3x3_input_wasmsimd } from './f32_winograd_4x4_3x3_wasmsimd';
import { loadPartial } from './partial_vectors';

/**
 * Copies the rows x cols window at (y0, x0) of an h x w image (the vector of `live` channels of
 * pixel (y, x) at base + y * rowBytes + x * pixelBytes) into dst, row-major, 16 bytes a pixel.
 */
@inline export function gatherWindow(
  dst: usize, base: usize, y0: i32, x0: i32, rows: i32, cols: i32, h: i32, w: i32, rowBytes: usize, pixelBytes: usize, live: u32,
): void {
  const zero = f32x4.splat(0);
  for (let r: i32 = 0; r < rows; r++) {
    for (let s: i32 = 0; s < cols; s++) {
      const y = y0 + r, x = x0 + s;
      const inside = live > 0 && <u32>y < <u32>h && <u32>x < <u32>w;
      v128.store(dst + (<usize>(r * cols + s) << 4), inside ? loadPartial(base + <usize>y * rowBytes + <usize>x * pixelBytes, live) : zero);
    }
  }
}

/**
 * B^T d B of the 6x6 window at (y0, x0) into out + t * os: read in place when it lies inside the
 * image with 4 live channels, else gathered first. `tmp` and `gathered` hold 36 vectors each.
 */
@inline export function transformInputWindow(
  base: usize, y0: i32, x0: i32, h: i32, w: i32, rowBytes: usize, pixelBytes: usize, live: u32,
  tmp: usize, gathered: usize, out: usize, os: usize,
): void {
  if (y0 >= 0 && y0 + 6 <= h && x0 >= 0 && x0 + 6 <= w && live == 4) {
    f32_winograd_4x4_3x3_input_wasmsimd(base + <usize>y0 * rowBytes + <usize>x0 * pixelBytes, rowBytes, pixelBytes, tmp, out, os);
  } else {
    gatherWindow(gathered, base, y0, x0, 6, 6, h, w, rowBytes, pixelBytes, live);
    f32_winograd_4x4_3x3_input_wasmsimd(gathered, 96, 16, tmp, out, os);
  }
}
