// Ctrl-C during training. The first SIGINT lets the current batch finish, then `stop` saves a
// checkpoint and the process exits 130 (128 + SIGINT, what a shell reports for Ctrl-C). A second
// SIGINT exits at once; a save in progress is atomic, so the last good checkpoint survives.
import { Callback } from '@strata/models';

// `npm start` (any npm script) forwards the terminal's SIGINT to us, which also gets it directly: one Ctrl-C
// can arrive twice within milliseconds.
const SAME_PRESS_MS = 500;

export class StopOnInterrupt extends Callback {
  /** `stop({ epoch, step, history })` saves; history holds every finished epoch's numeric logs. */
  constructor(stop, history = []) {
    super();
    this.stop = stop;
    this.history = [...history];
    this.requestedAt = null;
    this.epoch = 0;
    this.onSignal = () => this.interrupt();
  }

  interrupt() {
    const now = performance.now();
    if (this.requestedAt !== null) {
      if (now - this.requestedAt < SAME_PRESS_MS) return;
      process.stderr.write('\nSecond Ctrl-C: exiting now.\n');
      process.exit(130);
    }
    this.requestedAt = now;
    process.stderr.write('\nCtrl-C: finishing the current batch, then saving a checkpoint (Ctrl-C again to quit at once)...\n');
  }

  onTrainBegin() {
    process.on('SIGINT', this.onSignal);
  }

  onTrainEnd() {
    process.removeListener('SIGINT', this.onSignal);
  }

  onEpochBegin(epoch) {
    this.epoch = epoch;
  }

  async onBatchEnd(batch) {
    // After an epoch's last batch, stop at the epoch's end instead, once it is validated.
    if (this.requestedAt === null || batch + 1 === this.params.steps) return;
    await this.finish(this.epoch, batch + 1);
  }

  async onEpochEnd(epoch, logs) {
    this.history.push(Object.fromEntries(Object.entries(logs).filter(([, v]) => typeof v === 'number')));
    if (this.requestedAt !== null) await this.finish(epoch + 1, 0);
  }

  async finish(epoch, step) {
    await this.stop({ epoch, step, history: this.history });
    process.exit(130);
  }
}
