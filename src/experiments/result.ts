/**
 * What every experiment returns: its parameters, its measurements as tables, the plots to
 * draw (as data — rendering lives in src/report, so this module has no dependencies), and a
 * verdict on its claim computed from the numbers by a stated criterion.
 */

/** The seven claims of docs/experiments.md, by command name. */
export const EXPERIMENT_NAMES = [
  'kernel-convergence',
  'ntk-convergence',
  'backward-decay',
  'complexity-vs-length',
  'learning-curve',
  'unnormalized-inputs',
  'lazy-training',
] as const;

/** The name of one of the seven experiments. */
export type ExperimentName = (typeof EXPERIMENT_NAMES)[number];

/** One row of a measurement table (a CSV line). */
export type Row = Record<string, number | string>;

/** One axis of a plot. */
export interface PlotAxis {
  /** The axis title. */
  readonly label: string;
  /** Logarithmic scale (for claims about rates). */
  readonly log: boolean;
}

/**
 * A line plot in long format: each point is `{x, y, series}`. Series whose name is listed in
 * `references` are theory curves (drawn dashed), the others measurements (lines with points).
 */
export interface PlotData {
  /** Short name, unique within the experiment (the SVG file is `<experiment>-<id>.svg`). */
  readonly id: string;
  /** The plot's title. */
  readonly title: string;
  /** The horizontal axis. */
  readonly x: PlotAxis;
  /** The vertical axis. */
  readonly y: PlotAxis;
  /** The points of every series, in long format. */
  readonly points: ReadonlyArray<{
    /** Abscissa. */
    x: number;
    /** Ordinate. */
    y: number;
    /** Name of the series the point belongs to (the legend entry). */
    series: string;
  }>;
  /** Names of the series that are theory curves (drawn dashed). */
  readonly references: readonly string[];
  /** A sentence under the plot (e.g. a fitted slope). */
  readonly caption: string;
}

/**
 * A setting run beside a claim and judged by the claim's own criterion, outside its verdict: a
 * contrast, where the theory predicts the criterion to fail (showing that it can), or the
 * contrast's control, where it predicts it to hold.
 */
export interface ContrastVerdict {
  /** Short name, unique within the claim (the pinned verdicts and the robustness CSV use `<claim>/<key>`). */
  readonly key: string;
  /** The setting, as the report names it. */
  readonly setting: string;
  /** What the theory predicts the criterion to say: false for a contrast, true for its control. */
  readonly expected: boolean;
  /** What the criterion said (null: undecided). */
  readonly supported: boolean | null;
  /** What was measured, with the numbers. */
  readonly measured: string;
  /** The numbers the criterion judged, by name. */
  readonly figures: Readonly<Record<string, number>>;
}

/**
 * The verdict on a claim. `supported` is true or false when the criterion was evaluated, and
 * null when the measurement cannot decide (e.g. a vacuous bound is reported, not judged).
 */
export interface Verdict {
  /** The claim, as docs/experiments.md states it with the paper's theorem. */
  readonly claim: string;
  /** What was measured, with the numbers. */
  readonly measured: string;
  /** What the theory predicts. */
  readonly predicted: string;
  /** The explicit criterion the verdict applies to the numbers. */
  readonly criterion: string;
  /** What the same numbers would have had to show for the verdict to be "NOT supported". */
  readonly counterCriterion: string;
  /** The numbers the criterion judged, by name (the robustness table of `rnn-ntk claims` shows them). */
  readonly figures: Readonly<Record<string, number>>;
  /** The criterion's outcome: true or false, or null when the measurement cannot decide. */
  readonly supported: boolean | null;
  /** Caveats (small sizes, vacuous bounds, noise). */
  readonly notes: readonly string[];
  /** Contrast settings judged by the same criterion, not part of `supported` (absent when the claim has none). */
  readonly contrasts?: readonly ContrastVerdict[];
}

/** The full result of one experiment run. */
export interface ExperimentResult {
  /** Which experiment ran. */
  readonly name: ExperimentName;
  /** Its title, as the report shows it. */
  readonly title: string;
  /** The parameters used (after defaults and validation), the seed and any derived settings. */
  readonly params: Readonly<Record<string, unknown>>;
  /** The measurements, by table name (each written as `<experiment>-<table>.csv`). */
  readonly tables: Readonly<Record<string, readonly Row[]>>;
  /** The plots to draw, as data. */
  readonly plots: readonly PlotData[];
  /** The verdict on the experiment's claim. */
  readonly verdict: Verdict;
  /** Wall-clock duration of the run, in seconds. */
  readonly seconds: number;
}

/** Progress callback of long experiments: `done` of `total` units of work, with a label. */
export type ProgressFn = (done: number, total: number, label: string) => void;
