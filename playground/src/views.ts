/**
 * A vega-lite plot fed new rows in place (cheap enough to redraw at ~10 Hz). It is compiled and
 * mounted on its first rows, so that loading the page does not compile every view at once.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { DATA } from './plots.js';

export class LiveView {
  private view: vega.View | undefined;
  private pending = Promise.resolve();

  constructor(
    readonly container: HTMLElement,
    private readonly spec: TopLevelSpec,
    private readonly renderer: 'svg' | 'canvas' = 'canvas',
  ) {}

  /** Replaces the plot's rows and redraws; resolves when drawn. */
  set(rows: readonly object[]): Promise<void> {
    this.pending = this.pending.then(async () => {
      this.view ??= new vega.View(vega.parse(compile(this.spec).spec), { renderer: this.renderer, container: this.container, hover: true });
      this.view.data(DATA, rows as object[]);
      await this.view.runAsync();
    });
    return this.pending;
  }
}
