/** The page's published state: what it has computed and how fast (read by the browser test). */
import type { ExperimentResult, TrainReport } from 'rnn-ntk';
import type { BackwardPoint, ComplexityNumbers } from './compute.js';
import type { PlaygroundParams } from './params.js';
import type { Reply } from './protocol.js';

/** What the page has computed and how fast, on `window.playground`. */
export interface PlaygroundState {
  phase: 'idle' | 'analysing' | 'training' | 'experiment' | 'cancelled' | 'error';
  /** Jobs finished (successfully or not) since load. */
  finished: number;
  params?: PlaygroundParams;
  task?: Extract<Reply, { type: 'task' }>;
  H?: Float64Array;
  numbers?: ComplexityNumbers;
  ntkTestError?: number;
  backward?: readonly BackwardPoint[];
  eigenvalues?: Float64Array;
  reports: TrainReport[];
  trained?: Extract<Reply, { type: 'trained' }>;
  experiment?: ExperimentResult;
  error?: string;
  timings: {
    kernelWorkerMs?: number;
    kernelDrawnMs?: number;
    /** From the kernel's arrival in the page to its heat map drawn. */
    kernelDrawMs?: number;
    spectrumMs?: number;
    stepsPerSecond?: number;
    trainSeconds?: number;
    /** performance.now() when the last training started and ended (for the long-task measurement). */
    trainStartedAt?: number;
    trainEndedAt?: number;
    redraws: number;
    /** Wall-clock milliseconds of each training-curve redraw of the last run. */
    redrawMs: number[];
  };
}

declare global {
  interface Window {
    playground: PlaygroundState;
  }
}
