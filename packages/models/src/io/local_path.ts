import { ValueError } from '@strata/core';

/**
 * A save/load location as a local path. `file://dir` (the TensorFlow.js habit) is the path
 * after the scheme, so `file://./model`, `file://model` and `file:///abs/model` all work; any
 * other scheme (`http://`, `indexeddb://`, `localstorage://`) is a clear error, never a folder
 * named after it.
 */
export function localPath(path: string, who: string): string {
  if (typeof path !== 'string') return path;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(path);
  if (!scheme) return path;
  if (scheme[1].toLowerCase() === 'file') {
    const rest = path.slice(scheme[0].length);
    if (rest === '') throw new ValueError(`${who}: '${path}' names no directory; write file://<path>`);
    return rest;
  }
  throw new ValueError(`${who}: '${path}' uses the scheme '${scheme[1]}://', which Strata does not support; Strata saves and loads local directories: give a plain path or file://<path>`);
}
