// The example's checkpoint in <out>/checkpoint: the model saved with its optimizer state and
// Dropout generators (model.save with includeOptimizer, the same save ModelCheckpoint makes,
// atomic), and resume.json: where the run stopped, its options, the epochs' logs so far and the
// moving-statistics probe's state. resume.json is written last, atomically, and names the model
// directory it belongs to, so a crash at any point leaves the previous checkpoint usable.
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel } from '@strata/models';
import { UsageError } from './cli.mjs';

const dirOf = (out) => join(out, 'checkpoint');

export async function saveCheckpoint(model, out, state) {
  const dir = dirOf(out);
  const name = `model-epoch${state.epoch + 1}-batch${state.step}`;
  await model.save(join(dir, name), { includeOptimizer: true });
  const json = join(dir, 'resume.json');
  writeFileSync(`${json}.tmp`, JSON.stringify({ ...state, model: name }));
  renameSync(`${json}.tmp`, json);
  for (const entry of readdirSync(dir)) if (entry.startsWith('model-') && entry !== name) rmSync(join(dir, entry), { recursive: true, force: true });
  return dir;
}

/** The saved state and the model it names, or a UsageError if there is none. */
export async function loadCheckpoint(out) {
  const json = join(dirOf(out), 'resume.json');
  if (!existsSync(json)) throw new UsageError(`--resume: no checkpoint in ${dirOf(out)}; a run stopped with Ctrl-C leaves one there`);
  const state = JSON.parse(readFileSync(json, 'utf8'));
  return { state, model: await loadModel(join(dirOf(out), state.model)) };
}

/** A finished run needs no checkpoint. */
export function clearCheckpoint(out) {
  rmSync(dirOf(out), { recursive: true, force: true });
}
