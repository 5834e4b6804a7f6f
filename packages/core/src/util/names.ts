/**
 * Keras's snake_case of a class name or a camelCase key: 'BatchNormalization' ->
 * 'batch_normalization', 'kernelSize' -> 'kernel_size', 'Conv2D' -> 'conv2d', 'HTTPServer' -> 'http_server'.
 */
export function toSnakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/(\d)_d(?=_|$)/g, '$1d');
}

/** 'kernel_size' -> 'kernelSize', 'beta_1' -> 'beta1'. */
export function toCamelCase(name: string): string {
  return name.replace(/_([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());
}
