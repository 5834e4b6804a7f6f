const counters = new Map<string, number>();

/** 'BatchNormalization' -> 'batch_normalization', 'Conv2D' -> 'conv2d', as Keras names layers. */
export function toSnakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/(\d)_d$/, '$1d');
}

/** Process-unique names: conv2d, conv2d_1, conv2d_2, ... (Keras's scheme). */
export function uniqueName(base: string): string {
  const n = counters.get(base) ?? 0;
  counters.set(base, n + 1);
  return n === 0 ? base : `${base}_${n}`;
}
