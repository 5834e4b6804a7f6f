import { checkOptions, optionKeys, StrataError, ValueError } from '@strata/core';
import type { FileSystem } from '../io/atomic_write';
import type { SaveOptions } from '../io/save_model';
import { Callback, type CallbackModel, type Logs } from './callback';
import { monitoredValue, resolveMode, type MonitorMode } from './monitor';

/** Arguments of {@link ModelCheckpoint}. */
export interface ModelCheckpointArgs {
  /**
   * The directory to save into. Placeholders are filled as Keras fills them: `{epoch}` (1-based)
   * and any log key (`{val_loss}`), with Python format specs `{epoch:02d}`, `{val_loss:.4f}`, `{loss:.2e}`.
   */
  filepath: string;
  /** The value `saveBestOnly` compares. Default 'val_loss'. */
  monitor?: string;
  /** Save only when the monitored value improves on the best so far. Default false. */
  saveBestOnly?: boolean;
  /**
   * Save the topology and weights only (TensorFlow.js's default save). Default false: the
   * optimizer state and the random layers' generators (Dropout, RandomFlip, ...) are saved too, so `fit` can resume exactly.
   */
  saveWeightsOnly?: boolean;
  /** Whether the monitored value should go down ('min') or up ('max'); 'auto' from its name. */
  mode?: MonitorMode;
  /** 1 prints a line for every save decision. Default 0. */
  verbose?: 0 | 1;
  /** The file-system calls saves use (tests inject failures here). */
  fileSystem?: FileSystem;
}

/** A model that can save itself (Sequential). */
interface SavableModel extends CallbackModel {
  save(path: string, options?: SaveOptions): Promise<void>;
}

type Part = string | { key: string; spec: string };

/** Python's format-spec subset for numbers: `[0][width][.precision](d|f|e)`. */
const SPEC = /^(0?)(\d*)(?:\.(\d+))?([dfe]?)$/;

function formatNumber(value: number, spec: string): string {
  const [, zero, width, precision, type] = SPEC.exec(spec) as RegExpExecArray;
  let text: string;
  if (type === 'd') text = String(Math.trunc(value));
  else if (type === 'f') text = value.toFixed(precision === undefined ? 6 : Number(precision));
  // Python writes at least two exponent digits: 1.5e-05, not 1.5e-5.
  else if (type === 'e') text = value.toExponential(precision === undefined ? 6 : Number(precision)).replace(/e([+-])(\d)$/, (_, sign: string, d: string) => `e${sign}0${d}`);
  else text = precision === undefined ? String(value) : value.toPrecision(Number(precision));
  const pad = Number(width || 0);
  if (text.length >= pad) return text;
  if (!zero) return text.padStart(pad, ' ');
  const sign = text.startsWith('-') ? '-' : '';
  return sign + text.slice(sign.length).padStart(pad - sign.length, '0');
}

/** Splits `model-{epoch:02d}-{val_loss:.4f}` into text and placeholders, checking every spec. */
function parseTemplate(filepath: string): Part[] {
  const parts: Part[] = [];
  const re = /\{([^{}:]+)(?::([^{}]*))?\}/g;
  let last = 0;
  for (let m = re.exec(filepath); m; m = re.exec(filepath)) {
    const spec = m[2] ?? '';
    if (!SPEC.test(spec)) throw new ValueError(`ModelCheckpoint: unsupported format spec '{${m[1]}:${spec}}' in filepath; use e.g. {epoch:02d}, {val_loss:.4f}, {loss:.2e}`);
    parts.push(filepath.slice(last, m.index), { key: m[1], spec });
    last = m.index + m[0].length;
  }
  parts.push(filepath.slice(last));
  return parts;
}

/**
 * Saves the model at the end of every epoch (Keras's `ModelCheckpoint`), optionally only when
 * the monitored value improves. Each save is atomic, so a crash never corrupts the last good
 * checkpoint; with the default `saveWeightsOnly: false`, `loadModel(checkpoint)` and
 * `fit(..., { initialEpoch })` with the same seed continue the run exactly.
 */
export class ModelCheckpoint extends Callback {
  readonly filepath: string;
  readonly monitor: string;
  readonly saveBestOnly: boolean;
  readonly saveWeightsOnly: boolean;
  readonly verbose: 0 | 1;
  /** The best monitored value so far (kept across fits, as Keras). */
  best: number;
  /** The path of the most recent save, or null. */
  lastSaved: string | null = null;
  private readonly template: Part[];
  private readonly direction: 'min' | 'max';
  private readonly fileSystem: FileSystem | undefined;

  /** Keras's positional form: `new ModelCheckpoint('ckpt/{epoch:02d}', { saveBestOnly: true })`. */
  constructor(filepath: string, args?: Omit<ModelCheckpointArgs, 'filepath'>);
  constructor(args: ModelCheckpointArgs);
  constructor(first: string | ModelCheckpointArgs, options?: Omit<ModelCheckpointArgs, 'filepath'>) {
    super();
    const keys = optionKeys<ModelCheckpointArgs>()({ filepath: true, monitor: true, saveBestOnly: true, saveWeightsOnly: true, mode: true, verbose: true, fileSystem: true });
    const args = typeof first === 'string' ? { ...checkOptions(options, keys, 'ModelCheckpoint'), filepath: first } : checkOptions(first, keys, 'ModelCheckpoint');
    if (!args || typeof args.filepath !== 'string' || args.filepath === '') throw new ValueError('ModelCheckpoint: filepath must be a non-empty string');
    this.filepath = args.filepath;
    this.template = parseTemplate(args.filepath);
    this.monitor = args.monitor ?? 'val_loss';
    this.saveBestOnly = args.saveBestOnly ?? false;
    this.saveWeightsOnly = args.saveWeightsOnly ?? false;
    this.verbose = args.verbose ?? 0;
    this.direction = resolveMode(this.monitor, args.mode ?? 'auto', 'ModelCheckpoint', 'min');
    this.best = this.direction === 'min' ? Infinity : -Infinity;
    this.fileSystem = args.fileSystem;
  }

  /** The path for an epoch (0-based index; written 1-based, as Keras) and its logs. */
  pathFor(epoch: number, logs: Logs): string {
    return this.template.map((p) => {
      if (typeof p === 'string') return p;
      const value = p.key === 'epoch' ? epoch + 1 : Object.hasOwn(logs, p.key) ? monitoredValue(logs, p.key) : undefined;
      if (value === undefined) {
        throw new ValueError(`ModelCheckpoint: filepath '${this.filepath}' uses {${p.key}}, which is not in the logs; available: epoch, ${Object.keys(logs).join(', ')}`);
      }
      return formatNumber(value, p.spec);
    }).join('');
  }

  override async onEpochEnd(epoch: number, logs: Logs): Promise<void> {
    const path = this.pathFor(epoch, logs);
    if (this.saveBestOnly) {
      const current = monitoredValue(logs, this.monitor);
      if (current === undefined) {
        console.warn(`ModelCheckpoint: can save the best model only with '${this.monitor}' in the logs; skipping (available: ${Object.keys(logs).join(', ')})`);
        return;
      }
      const improved = this.direction === 'min' ? current < this.best : current > this.best;
      if (!improved) {
        if (this.verbose) console.log(`Epoch ${epoch + 1}: ${this.monitor} did not improve from ${this.best.toFixed(5)}`);
        return;
      }
      if (this.verbose) console.log(`Epoch ${epoch + 1}: ${this.monitor} improved from ${this.best.toFixed(5)} to ${current.toFixed(5)}, saving model to ${path}`);
      this.best = current;
    } else if (this.verbose) {
      console.log(`Epoch ${epoch + 1}: saving model to ${path}`);
    }
    const model = this.requireModel() as Partial<SavableModel>;
    if (typeof model.save !== 'function') throw new StrataError('ModelCheckpoint: the model has no save() method');
    await model.save(path, { includeOptimizer: !this.saveWeightsOnly, fileSystem: this.fileSystem });
    this.lastSaved = path;
  }
}
