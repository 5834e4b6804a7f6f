import { ValueError, fmtValue } from '@strata/core';
import type { Logs } from './callback';

/** The numeric value of `key` in `logs`, or undefined if absent or not a number (a flag). */
export function monitoredValue(logs: Logs, key: string): number | undefined {
  const v = logs[key];
  return typeof v === 'number' ? v : undefined;
}

/** How a monitored value is compared: 'min' (lower is better), 'max', or 'auto' from its name. */
export type MonitorMode = 'auto' | 'min' | 'max';

/**
 * Resolves 'auto' as Keras: losses are minimised, accuracies maximised. Other names use
 * `fallback` (ReduceLROnPlateau: 'min'); with none they need an explicit mode (Keras 3's
 * EarlyStopping raises the same way).
 */
export function resolveMode(monitor: string, mode: MonitorMode, who: string, fallback: 'min' | null = null): 'min' | 'max' {
  if (mode === 'min' || mode === 'max') return mode;
  if (mode !== 'auto') throw new ValueError(`${who}: mode must be 'auto', 'min' or 'max', got ${fmtValue(mode)}`);
  const name = monitor.replace(/^val_/, '');
  if (name.includes('loss')) return 'min';
  if (name.includes('acc')) return 'max';
  if (fallback) return fallback;
  throw new ValueError(`${who}: cannot tell whether '${monitor}' should be minimised or maximised; pass mode: 'min' or 'max'`);
}
