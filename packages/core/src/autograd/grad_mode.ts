let enabled = true;

/** Whether ops currently record the graph. */
export function isGradEnabled(): boolean {
  return enabled;
}

/** Runs `fn` without recording any op (inference, optimizer updates, gradient code itself). */
export function noGrad<T>(fn: () => T): T {
  const prev = enabled;
  enabled = false;
  try {
    return fn();
  } finally {
    enabled = prev;
  }
}
