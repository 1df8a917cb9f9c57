/**
 * A heat map as one image: each matrix entry becomes a pixel coloured by viridis, so drawing
 * H∞ costs a few milliseconds at any n (rect marks cost one scene item per cell). The rows
 * it returns feed `heatSpec`: the image, and the value range for the colour legend.
 */
import * as vega from 'vega';

let viridis: Uint8ClampedArray | undefined;

/** 256 viridis colours as RGBA bytes (vega's scheme, resolved through a 1×1 canvas). */
function viridisTable(): Uint8ClampedArray {
  if (viridis !== undefined) return viridis;
  const interpolate = vega.scheme('viridis') as (t: number) => string;
  const ctx = Object.assign(document.createElement('canvas'), { width: 1, height: 1 }).getContext('2d', { willReadFrequently: true })!;
  const table = new Uint8ClampedArray(256 * 4);
  for (let k = 0; k < 256; k++) {
    ctx.fillStyle = interpolate(k / 255);
    ctx.fillRect(0, 0, 1, 1);
    table.set(ctx.getImageData(0, 0, 1, 1).data, 4 * k);
  }
  viridis = table;
  return table;
}

/** The rows of `heatSpec` for a side×side matrix (row-major) that covers indices [0, n) on both axes. */
export function heatRows(values: ArrayLike<number>, side: number, n: number): Array<Record<string, number | string>> {
  let min = Infinity;
  let max = -Infinity;
  for (let t = 0; t < values.length; t++) {
    min = Math.min(min, values[t]);
    max = Math.max(max, values[t]);
  }
  const table = viridisTable();
  const canvas = Object.assign(document.createElement('canvas'), { width: side, height: side });
  const ctx = canvas.getContext('2d')!;
  const image = ctx.createImageData(side, side);
  const span = max > min ? max - min : 1;
  for (let t = 0; t < side * side; t++) {
    const k = Math.round((255 * (values[t] - min)) / span);
    image.data.set(table.subarray(4 * k, 4 * k + 4), 4 * t);
  }
  ctx.putImageData(image, 0, 0);
  return [
    { kind: 'image', url: canvas.toDataURL(), x: 0, y: 0 },
    { kind: 'range', v: min, x: n, y: n },
    { kind: 'range', v: max, x: n, y: n },
  ];
}
