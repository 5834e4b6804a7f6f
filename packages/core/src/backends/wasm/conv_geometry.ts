import type { Conv2dInfo } from '../backend';
import * as J from './job_layout';

/** Writes the geometry fields the depthwise and the direct filter-gradient jobs read (see OP_DWCONV in job_layout.ts). */
export function setConvGeometry(job: Uint32Array, info: Conv2dInfo): void {
  [job[J.J_SRC_H], job[J.J_SRC_W], job[J.J_SRC_C]] = [info.inHeight, info.inWidth, info.inChannels];
  [job[J.J_GRID_H], job[J.J_GRID_W], job[J.J_N]] = [info.outHeight, info.outWidth, info.outChannels];
  [job[J.J_POOL_H], job[J.J_POOL_W]] = [info.kernelHeight, info.kernelWidth];
  [job[J.J_STRIDE_H], job[J.J_STRIDE_W]] = [info.strideHeight, info.strideWidth];
  [job[J.J_Y_TAP], job[J.J_X_TAP]] = [info.dilationHeight, info.dilationWidth];
  [job[J.J_PAD_TOP], job[J.J_PAD_LEFT]] = [info.padTop, info.padLeft];
  job[J.J_BATCH] = info.batch;
}
