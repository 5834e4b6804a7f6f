// Entry point of the kernel module. Every thread (the main thread and each worker) instantiates
// this module on the same shared memory and calls `run` with the job the main thread wrote.
import {
  OP_BATCH_NORM_BACKWARD, OP_BATCH_NORM_FORWARD, OP_COMPACT_C, OP_FAULT, OP_GEMM, OP_MAX_POOL, OP_PACK_B, OP_RELU_GRAD_BIAS,
  OP_ADAM, OP_AVG_POOL, OP_AVG_POOL_GRAD, OP_BATCH_NORM_INFERENCE, OP_DROPOUT_MASK, OP_GEMM_ROWS, OP_MAX_POOL_GRAD, OP_WINOGRAD_CONV, OP_WINOGRAD_FILTER, OP_WINOGRAD_WGRAD_FILTER, OP_WINOGRAD_WGRAD_FUSED, OP_WINOGRAD_WGRAD_GEMM, OP_WINOGRAD_WGRAD_TRANSFORM,
  OP_RESIZE, OP_RESIZE_GRAD,
  OP_DWCONV, OP_DWCONV_FILTER_GRAD, OP_DWCONV_INPUT_GRAD, OP_SUM_CHUNKS, OP_CONV_FILTER_GRAD, OP_CONV_DIRECT,
  OP_BINARY,
  OP_IMAGE_TRANSFORM, OP_IMAGE_TRANSFORM_GRAD,
  OP_LAYER_NORM_FORWARD, OP_LAYER_NORM_BACKWARD,
} from '../job_layout';
import { adamTasks } from './f32_adam_f64x2_wasmsimd';
import { binaryTasks } from './f32_vbinary_x4_wasmsimd';
import { compactC } from './f32_compact_c_wasm';
import { batchNormBackwardTasks } from './f32_batch_norm_backward_c4_wasmsimd';
import { batchNormForwardTasks } from './f32_batch_norm_forward_c4_wasmsimd';
import { batchNormInferenceTasks } from './f32_batch_norm_inference_c4_wasmsimd';
import { dropoutMaskTasks } from './f32_dropout_mask_alea_x4_wasm';
import { reluGradBiasTasks } from './f32_relu_grad_bias_c4_wasmsimd';
import { gemmRowsTasks, gemmTasks } from './gemm';
import { dwconvFilterGradTasks, dwconvInputGradTasks, dwconvTasks } from './f32_dwconv_c4_wasmsimd';
import { sumChunksTasks } from './f32_sum_chunks_x4_wasmsimd';
import { convFilterGradTasks } from './f32_conv2d_filter_grad_9x4_wasmsimd';
import { convDirectTasks } from './f32_conv2d_4x8_wasmsimd';
import { maxPoolTasks } from './f32_max_pool_c4_wasmsimd';
import { maxPoolGradTasks } from './f32_max_pool_grad_wasm';
import { avgPoolTasks } from './f32_avg_pool_c4_wasmsimd';
import { avgPoolGradTasks } from './f32_avg_pool_grad_c4_wasmsimd';
import { packBTasks } from './f32_pack_b_8_wasmsimd';
import { layerNormForwardTasks } from './f32_layer_norm_forward_c4_wasmsimd';
import { layerNormBackwardTasks } from './f32_layer_norm_backward_c4_wasmsimd';
import { resizeTasks } from './f32_resize_c4_wasmsimd';
import { resizeGradTasks } from './f32_resize_grad_c4_wasmsimd';
import { winogradConvTasks, winogradFilterTasks } from './winograd_conv';
import { imageTransformGradTasks, imageTransformTasks } from './f32_image_transform_wasm';
import { winogradWgradFilterTasks, winogradWgradFusedTasks, winogradWgradGemmTasks, winogradWgradTransformTasks } from './winograd_filter_grad';

export function run(op: i32, job: usize, tid: u32): void {
  if (op == OP_GEMM) gemmTasks(job, tid);
  else if (op == OP_PACK_B) packBTasks(job);
  else if (op == OP_MAX_POOL) maxPoolTasks(job);
  else if (op == OP_COMPACT_C) compactC(job);
  else if (op == OP_BATCH_NORM_FORWARD) batchNormForwardTasks(job);
  else if (op == OP_BATCH_NORM_BACKWARD) batchNormBackwardTasks(job);
  else if (op == OP_RELU_GRAD_BIAS) reluGradBiasTasks(job);
  else if (op == OP_WINOGRAD_CONV) winogradConvTasks(job, tid);
  else if (op == OP_WINOGRAD_FILTER) winogradFilterTasks(job);
  else if (op == OP_WINOGRAD_WGRAD_TRANSFORM) winogradWgradTransformTasks(job, tid);
  else if (op == OP_WINOGRAD_WGRAD_GEMM) winogradWgradGemmTasks(job);
  else if (op == OP_WINOGRAD_WGRAD_FUSED) winogradWgradFusedTasks(job, tid);
  else if (op == OP_WINOGRAD_WGRAD_FILTER) winogradWgradFilterTasks(job, tid);
  else if (op == OP_MAX_POOL_GRAD) maxPoolGradTasks(job);
  else if (op == OP_BATCH_NORM_INFERENCE) batchNormInferenceTasks(job);
  else if (op == OP_DROPOUT_MASK) dropoutMaskTasks(job);
  else if (op == OP_BINARY) binaryTasks(job);
  else if (op == OP_GEMM_ROWS) gemmRowsTasks(job);
  else if (op == OP_ADAM) adamTasks(job);
  else if (op == OP_AVG_POOL) avgPoolTasks(job);
  else if (op == OP_AVG_POOL_GRAD) avgPoolGradTasks(job);
  else if (op == OP_RESIZE) resizeTasks(job);
  else if (op == OP_RESIZE_GRAD) resizeGradTasks(job);
  else if (op == OP_DWCONV) dwconvTasks(job);
  else if (op == OP_DWCONV_INPUT_GRAD) dwconvInputGradTasks(job);
  else if (op == OP_DWCONV_FILTER_GRAD) dwconvFilterGradTasks(job);
  else if (op == OP_SUM_CHUNKS) sumChunksTasks(job);
  else if (op == OP_CONV_FILTER_GRAD) convFilterGradTasks(job, tid);
  else if (op == OP_CONV_DIRECT) convDirectTasks(job, tid);
  else if (op == OP_IMAGE_TRANSFORM) imageTransformTasks(job);
  else if (op == OP_IMAGE_TRANSFORM_GRAD) imageTransformGradTasks(job);
  else if (op == OP_LAYER_NORM_FORWARD) layerNormForwardTasks(job);
  else if (op == OP_LAYER_NORM_BACKWARD) layerNormBackwardTasks(job);
  else if (op == OP_FAULT && tid > 0) unreachable();
}
