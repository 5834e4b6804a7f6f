/**
 * Text pieces of Keras 2's progress bar (keras/utils/generic_utils.py Progbar), kept apart from
 * the logger so each is testable on its own.
 */

/** Python's float formatting of nan/inf, which Keras prints. */
function special(v: number): string | null {
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  return null;
}

/** Keras: `%.4f` when |v| > 1e-3, else `%.4e` (with Python's two-digit exponent). */
export function formatValue(v: number | boolean): string {
  if (typeof v === 'boolean') return String(v);
  const s = special(v);
  if (s !== null) return s;
  if (Math.abs(v) > 1e-3) return v.toFixed(4);
  return v.toExponential(4).replace(/e([+-])(\d)$/, 'e$10$2');
}

/** ` - loss: 0.1234 - accuracy: 0.9000`, in the logs' order (a flag prints as true/false). */
export function formatLogs(logs: Record<string, number | boolean>): string {
  return Object.entries(logs).map(([k, v]) => ` - ${k}: ${formatValue(v)}`).join('');
}

/** Keras's ETA: `h:mm:ss` above an hour, `m:ss` above a minute, else `Ns`. */
export function formatEta(seconds: number): string {
  const s = Math.floor(seconds);
  if (s > 3600) return `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  if (s > 60) return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  return `${s}s`;
}

/** A rate: three significant digits below 100 (`8.53`, `42.1`), whole numbers above (`1150`). */
export function formatRate(perSecond: number): string {
  return perSecond >= 100 ? perSecond.toFixed(0) : perSecond.toPrecision(3);
}

/** Keras's per-step time: `2s/step`, `27ms/step` or `850us/step`. */
export function formatTimePerStep(seconds: number): string {
  if (seconds >= 1 || seconds === 0) return `${seconds.toFixed(0)}s/step`;
  if (seconds >= 1e-3) return `${(seconds * 1e3).toFixed(0)}ms/step`;
  return `${(seconds * 1e6).toFixed(0)}us/step`;
}

/**
 * `120/449 [======>.......]`: `current` right-aligned to the width of `target`, a 30-character
 * bar whose head is '>' until the last step; `   120/Unknown` when the target is not known.
 */
export function formatBar(current: number, target: number | null, width = 30): string {
  if (target === null) return `${String(current).padStart(7)}/Unknown`;
  const digits = String(target).length;
  let bar = `${String(current).padStart(digits)}/${target} [`;
  const filled = Math.floor((width * Math.min(current, target)) / target);
  if (filled > 0) bar += '='.repeat(filled - 1) + (current < target ? '>' : '=');
  return bar + '.'.repeat(width - filled) + ']';
}
