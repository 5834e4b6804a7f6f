import { checkOptions, optionKeys } from '@strata/core';
import { Callback, type Logs } from './callback';
import { formatBar, formatEta, formatLogs, formatRate, formatTimePerStep } from './progbar_format';

/** Where progress goes: anything with `write` (process.stdout, a test buffer). */
export interface ProgressStream {
  write(chunk: string): unknown;
  /** A terminal: the bar is redrawn in place. */
  isTTY?: boolean;
}

/** Arguments of {@link ProgbarLogger}. */
export interface ProgbarLoggerArgs {
  /** Default process.stdout. */
  stream?: ProgressStream;
  /** 'bar': Keras's in-place bar; 'line': one line per epoch; 'auto': bar on a TTY unless verbose is 2. */
  mode?: 'auto' | 'bar' | 'line';
  /** Clock in milliseconds (injectable for tests). Default performance.now. */
  now?: () => number;
  /** Minimum milliseconds between redraws of the bar (default 100: at most ~10 per second). */
  interval?: number;
  /**
   * Line mode only: also print a progress line after the run's first batch and then at most
   * every this many milliseconds (a long run logged to a file). Default Infinity: one line per epoch.
   */
  lineInterval?: number;
}

/**
 * Keras's progress output. On a terminal:
 * `Epoch 3/10` then `120/449 [======>.......] - ETA: 41s (run 6:12) - 1150 images/s - loss: 1.2345`
 * redrawn in place (the epoch's ETA, the whole run's, and the training rate), finished as `449/449 [====...] - 12s 27ms/step - loss: ... - val_loss: ...`.
 * Elsewhere (logs, CI): one line per epoch,
 * `Epoch 3/10 - 449/449 - 12s 27ms/step - loss: 1.2345 - accuracy: 0.5123 - val_loss: ...`.
 */
export class ProgbarLogger extends Callback {
  private readonly stream: ProgressStream;
  private readonly mode: 'auto' | 'bar' | 'line';
  private readonly now: () => number;
  private readonly interval: number;
  private bar = false;
  private epochStart = 0;
  private lastDraw = -Infinity;
  private lastLength = 0;
  private seen = 0;
  private knownSteps: number | null = null;
  private readonly lineInterval: number;
  /** Batches and images trained since the epoch began in this run (a resumed epoch starts mid-way). */
  private batchesRun = 0;
  private images = 0;
  /** Wall time of the last whole epoch (training, end-of-epoch callbacks and validation), in seconds. */
  private lastEpochSeconds: number | null = null;
  private currentEpoch = 0;
  private lastLine = -Infinity;

  constructor(args: ProgbarLoggerArgs = {}) {
    super();
    checkOptions(args, optionKeys<ProgbarLoggerArgs>()({ stream: true, mode: true, now: true, interval: true, lineInterval: true }), 'ProgbarLogger');
    this.stream = args.stream ?? process.stdout;
    this.mode = args.mode ?? 'auto';
    this.now = args.now ?? (() => performance.now());
    this.interval = args.interval ?? 100;
    this.lineInterval = args.lineInterval ?? Infinity;
  }

  override onTrainBegin(): void {
    this.bar = this.mode === 'bar' || (this.mode === 'auto' && this.params.verbose !== 2 && this.stream.isTTY === true);
    this.knownSteps = this.params.steps;
    this.lastEpochSeconds = null;
    this.lastLine = -Infinity;
  }

  override onEpochBegin(epoch: number): void {
    this.epochStart = this.now();
    this.lastDraw = -Infinity;
    this.lastLength = 0;
    this.seen = 0;
    this.batchesRun = 0;
    this.images = 0;
    this.currentEpoch = epoch;
    if (this.bar) this.stream.write(`Epoch ${epoch + 1}/${this.params.epochs}\n`);
  }

  override onBatchBegin(_batch: number, logs: Logs): void {
    if (typeof logs.size === 'number') this.images += logs.size;
  }

  override onBatchEnd(batch: number, logs: Logs): void {
    this.seen = batch + 1;
    this.batchesRun++;
    const t = this.now();
    if (this.bar) {
      if (t - this.lastDraw < this.interval) return;
      this.lastDraw = t;
      this.redraw(formatBar(this.seen, this.knownSteps) + this.progress(t) + formatLogs(logs));
    } else if (this.lineInterval !== Infinity && t - this.lastLine >= this.lineInterval) {
      this.lastLine = t;
      this.stream.write(`Epoch ${this.currentEpoch + 1}/${this.params.epochs} - ${this.seen}/${this.knownSteps ?? 'Unknown'}${this.progress(t)}${formatLogs(logs)}\n`);
    }
  }

  /**
   * ` - ETA: 41s (run 6:12) - 1150 images/s`: the epoch's remaining batches at this epoch's rate;
   * the later epochs at the last whole epoch's duration (validation included), or at this
   * epoch's rate before one has finished; the images trained per second this epoch.
   */
  private progress(t: number): string {
    const steps = this.knownSteps;
    const elapsed = (t - this.epochStart) / 1000;
    const perBatch = elapsed / Math.max(1, this.batchesRun);
    let text: string;
    if (steps === null) {
      text = ` - ${elapsed.toFixed(0)}s`;
    } else {
      const epochEta = perBatch * Math.max(0, steps - this.seen);
      const laterEpochs = this.params.epochs - this.currentEpoch - 1;
      const runEta = epochEta + laterEpochs * (this.lastEpochSeconds ?? perBatch * steps);
      text = ` - ETA: ${formatEta(epochEta)}` + (laterEpochs > 0 ? ` (run ${formatEta(runEta)})` : '');
    }
    if (this.images > 0 && elapsed > 0) text += ` - ${formatRate(this.images / elapsed)} images/s`;
    return text;
  }

  override onEpochEnd(epoch: number, logs: Logs): void {
    // A dataset of unknown length is known after its first epoch, as in Keras.
    const steps = this.knownSteps ?? this.seen;
    this.knownSteps = steps;
    const elapsed = (this.now() - this.epochStart) / 1000;
    // Only an epoch run whole tells how long the next ones take.
    if (this.batchesRun === this.seen) this.lastEpochSeconds = elapsed;
    const timing = ` - ${elapsed.toFixed(0)}s ${formatTimePerStep(elapsed / Math.max(1, this.seen))}`;
    if (this.bar) {
      this.redraw(formatBar(this.seen, steps) + timing + formatLogs(logs));
      this.stream.write('\n');
    } else {
      this.stream.write(`Epoch ${epoch + 1}/${this.params.epochs} - ${this.seen}/${steps}${timing}${formatLogs(logs)}\n`);
    }
  }

  /** Rewrites the current line, padding with spaces over a longer previous one. */
  private redraw(line: string): void {
    this.stream.write(`\r${line}${' '.repeat(Math.max(0, this.lastLength - line.length))}`);
    this.lastLength = line.length;
  }
}
