/** min_i |v_i| (Infinity for an empty vector): the margin min_i |F*(x_i)| of a sample. */
export function minAbs(v: ArrayLike<number>): number {
  let m = Infinity;
  for (let i = 0; i < v.length; i++) m = Math.min(m, Math.abs(v[i]));
  return m;
}
