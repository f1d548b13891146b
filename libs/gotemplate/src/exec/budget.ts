// Work counters shared by every nested execution of one render, so a template
// cannot loop, nest or print its way past the limits.
import { LimitError } from './errors';
import type { Limits } from './function';

/** Counters shared by every nested execution of one render. */
export class Budget {
  steps = 0;
  rangeTurns = 0;
  outputLength = 0;
  constructor(readonly limits: Limits) {}

  step(count = 1): void {
    this.steps += count;
    if (this.steps > this.limits.maxSteps) {
      throw new LimitError(`template execution exceeded ${this.limits.maxSteps} steps`);
    }
  }

  turns(count: number): void {
    this.rangeTurns += count;
    if (this.rangeTurns > this.limits.maxRangeIterations) {
      throw new LimitError(`template execution exceeded ${this.limits.maxRangeIterations} range iterations`);
    }
  }

  grow(length: number): void {
    this.outputLength += length;
    if (this.outputLength > this.limits.maxOutputLength) {
      throw new LimitError(`template output exceeded ${this.limits.maxOutputLength} characters`);
    }
  }
}
