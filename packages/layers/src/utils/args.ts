import { fmtValue, ValueError } from '@strata/core';

export function checkPositiveInt(v: unknown, who: string, arg: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
    throw new ValueError(`${who}: ${arg} must be a positive integer, got ${fmtValue(v)}`);
  }
  return v;
}

/** An optional boolean argument: `fallback` when undefined, else it must be true or false. */
export function checkBoolean(v: unknown, who: string, arg: string, fallback: boolean): boolean {
  if (v === undefined) return fallback;
  if (typeof v !== 'boolean') throw new ValueError(`${who}: ${arg} must be true or false, got ${fmtValue(v)}`);
  return v;
}

export function checkPadding(v: unknown, who: string): 'valid' | 'same' {
  if (v !== 'valid' && v !== 'same') throw new ValueError(`${who}: padding must be 'valid' or 'same', got ${fmtValue(v)}`);
  return v;
}

export function checkDataFormat(v: unknown, who: string): void {
  if (v !== undefined && v !== 'channelsLast' && v !== 'channels_last') {
    throw new ValueError(`${who}: dataFormat must be 'channelsLast' (NHWC), got ${fmtValue(v)}`);
  }
}
