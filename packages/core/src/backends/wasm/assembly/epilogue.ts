// Flags of a micro-kernel call: what happens to the tile after this kc block's products.
/** Add the tile already in C (partial sums of earlier kc blocks). */
export const EPILOGUE_ACCUMULATE: i32 = 1;
/** Add bias[j] (last kc block only). */
export const EPILOGUE_BIAS: i32 = 2;
/** Clamp at zero (last kc block only). */
export const EPILOGUE_RELU: i32 = 4;
