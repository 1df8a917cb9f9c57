/** The messages between the page and its worker (all computation runs in the worker). */
import type { ExperimentName, ExperimentResult, TrainReport } from 'rnn-ntk';
import type { BackwardPoint, BlockMeans, ComplexityNumbers } from './compute.js';
import type { PlaygroundParams } from './params.js';

/** What the page asks for. Every request carries an id; replies name it. */
export type Request =
  | { readonly type: 'analyse'; readonly id: number; readonly params: PlaygroundParams }
  | { readonly type: 'train'; readonly id: number; readonly params: PlaygroundParams }
  | { readonly type: 'experiment'; readonly id: number; readonly name: ExperimentName; readonly params: Readonly<Record<string, number | number[]>>; readonly seed: number };

/** What the worker answers, in order: progress, partial results, then `done` or `error`. */
export type Reply =
  | { readonly type: 'progress'; readonly id: number; readonly done: number; readonly total: number; readonly label: string }
  | {
      readonly type: 'task';
      readonly id: number;
      readonly targetComplexity: { readonly value: number; readonly log: number };
      readonly marginAchieved: number;
      readonly rejectionRate: number;
      readonly positiveFraction: number;
    }
  | {
      readonly type: 'kernel';
      readonly id: number;
      /** H∞ in full (n×n, transferred), for the numbers and the bit comparison. */
      readonly H: Float64Array;
      readonly n: number;
      /** Milliseconds the worker spent computing H∞ (sampling excluded). */
      readonly millis: number;
    }
  /** Block means (at most 64×64) of each H^l, index l − 1, for the per-step heat map. */
  | { readonly type: 'perStep'; readonly id: number; readonly heat: readonly BlockMeans[] }
  | {
      readonly type: 'numbers';
      readonly id: number;
      readonly numbers: ComplexityNumbers;
      readonly ntkTestError: number;
      readonly backward: readonly BackwardPoint[];
    }
  | { readonly type: 'spectrum'; readonly id: number; readonly eigenvalues: Float64Array; readonly millis: number }
  /** The NTK predictor's held-out error for the task being trained on (the reference line). */
  | { readonly type: 'reference'; readonly id: number; readonly ntkTestError: number }
  /** Training reports made since the previous message (sent at most every 50 ms). */
  | { readonly type: 'reports'; readonly id: number; readonly reports: readonly TrainReport[]; readonly steps: number }
  | {
      readonly type: 'trained';
      readonly id: number;
      readonly reports: readonly TrainReport[];
      readonly eta: number;
      readonly weights: Float64Array;
      readonly testOutputs: Float64Array;
      readonly testTarget: Float64Array;
      readonly testLabels: Float64Array;
      /** SGD steps per second over the run (reports and held-out evaluations included). */
      readonly stepsPerSecond: number;
    }
  | { readonly type: 'experiment'; readonly id: number; readonly result: ExperimentResult }
  | { readonly type: 'done'; readonly id: number }
  | { readonly type: 'error'; readonly id: number; readonly name: string; readonly message: string };
