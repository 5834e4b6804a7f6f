import { ValueError } from '@strata/core';
import { Callback, type Logs } from './callback';

/**
 * Sets the learning rate at the start of every epoch from `schedule(epoch, currentLr)`
 * (Keras's LearningRateScheduler), and records it as `learning_rate` in the epoch logs.
 */
export class LearningRateScheduler extends Callback {
  constructor(private readonly schedule: (epoch: number, lr: number) => number) {
    super();
  }

  override onEpochBegin(epoch: number): void {
    const optimizer = this.requireModel().optimizer;
    if (!optimizer) return;
    const lr = this.schedule(epoch, optimizer.learningRate);
    if (typeof lr !== 'number' || !Number.isFinite(lr)) {
      throw new ValueError(`LearningRateScheduler: the schedule must return a finite number, got ${String(lr)} for epoch ${epoch}`);
    }
    optimizer.learningRate = lr;
  }

  override onEpochEnd(_epoch: number, logs: Logs): void {
    const optimizer = this.requireModel().optimizer;
    if (optimizer) logs.learning_rate = optimizer.learningRate;
  }
}
