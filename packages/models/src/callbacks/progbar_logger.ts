import { Callback, type Logs } from './callback';
import { formatBar, formatEta, formatLogs, formatTimePerStep } from './progbar_format';

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
}

/**
 * Keras's progress output. On a terminal:
 * `Epoch 3/10` then `120/449 [======>.......] - ETA: 41s - loss: 1.2345 - accuracy: 0.5123`
 * redrawn in place, finished as `449/449 [====...] - 12s 27ms/step - loss: ... - val_loss: ...`.
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

  constructor(args: ProgbarLoggerArgs = {}) {
    super();
    this.stream = args.stream ?? process.stdout;
    this.mode = args.mode ?? 'auto';
    this.now = args.now ?? (() => performance.now());
    this.interval = args.interval ?? 100;
  }

  override onTrainBegin(): void {
    this.bar = this.mode === 'bar' || (this.mode === 'auto' && this.params.verbose !== 2 && this.stream.isTTY === true);
    this.knownSteps = this.params.steps;
  }

  override onEpochBegin(epoch: number): void {
    this.epochStart = this.now();
    this.lastDraw = -Infinity;
    this.lastLength = 0;
    this.seen = 0;
    if (this.bar) this.stream.write(`Epoch ${epoch + 1}/${this.params.epochs}\n`);
  }

  override onBatchEnd(batch: number, logs: Logs): void {
    this.seen = batch + 1;
    if (!this.bar) return;
    const t = this.now();
    if (t - this.lastDraw < this.interval) return;
    this.lastDraw = t;
    const steps = this.knownSteps;
    const elapsed = (t - this.epochStart) / 1000;
    const timing = steps !== null ? ` - ETA: ${formatEta((elapsed / this.seen) * (steps - this.seen))}` : ` - ${elapsed.toFixed(0)}s`;
    this.redraw(formatBar(this.seen, steps) + timing + formatLogs(logs));
  }

  override onEpochEnd(epoch: number, logs: Logs): void {
    // A dataset of unknown length is known after its first epoch, as in Keras.
    const steps = this.knownSteps ?? this.seen;
    this.knownSteps = steps;
    const elapsed = (this.now() - this.epochStart) / 1000;
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
