import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { checkOptions, optionKeys, ValueError } from '@strata/core';
import { Callback, type Logs } from './callback';

/** Arguments of {@link CSVLogger}. */
export interface CSVLoggerArgs {
  filename: string;
  /** Default ','. */
  separator?: string;
  /** Append to an existing file (no second header) instead of overwriting it. */
  append?: boolean;
}

/**
 * Writes one row per epoch to a CSV file (Keras's CSVLogger): an `epoch` column, then the log
 * keys of the first epoch in sorted order; a key missing later is written as 'NA'. Rows end
 * with '\n'.
 */
export class CSVLogger extends Callback {
  readonly filename: string;
  readonly separator: string;
  readonly append: boolean;
  private keys: string[] | null = null;
  private writeHeader = true;

  /** Keras's positional form: `new CSVLogger('log.csv', { append: true })`. */
  constructor(filename: string, args?: Omit<CSVLoggerArgs, 'filename'>);
  constructor(args: CSVLoggerArgs);
  constructor(first: string | CSVLoggerArgs, options?: Omit<CSVLoggerArgs, 'filename'>) {
    super();
    const keys = optionKeys<CSVLoggerArgs>()({ filename: true, separator: true, append: true });
    const args = typeof first === 'string' ? { ...checkOptions(options, keys, 'CSVLogger'), filename: first } : checkOptions(first, keys, 'CSVLogger');
    if (typeof args.filename !== 'string' || args.filename === '') throw new ValueError(`CSVLogger: filename must be a non-empty string, got ${JSON.stringify(args.filename)}`);
    this.filename = args.filename;
    this.separator = args.separator ?? ',';
    this.append = args.append ?? false;
  }

  override onTrainBegin(): void {
    this.keys = null;
    if (this.append) {
      this.writeHeader = !(existsSync(this.filename) && readFileSync(this.filename, 'utf8').length > 0);
    } else {
      writeFileSync(this.filename, '');
      this.writeHeader = true;
    }
  }

  override onEpochEnd(epoch: number, logs: Logs): void {
    if (this.keys === null) this.keys = Object.keys(logs).sort();
    let text = '';
    if (this.writeHeader) {
      text += ['epoch', ...this.keys].join(this.separator) + '\n';
      this.writeHeader = false;
    }
    text += [String(epoch), ...this.keys.map((k) => (k in logs ? String(logs[k]) : 'NA'))].join(this.separator) + '\n';
    appendFileSync(this.filename, text);
  }
}
