/**
 * Brute-force oracle for symmetric eigenvalues: the cyclic Jacobi method on a plain copy
 * (rotations until every off-diagonal entry is below 1e-15 of the Frobenius norm). Written
 * for small matrices in tests only, independently of the Cholesky-based code under test.
 */
export function jacobiEigenvalues(a: ArrayLike<number>, n: number): number[] {
  const m = Float64Array.from(a);
  let frob = 0;
  for (let e = 0; e < n * n; e++) frob += m[e] * m[e];
  const tiny = 1e-15 * Math.sqrt(frob);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off = Math.max(off, Math.abs(m[p * n + q]));
    if (off <= tiny) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q];
        if (apq === 0) continue;
        const theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          // columns p, q
          const mkp = m[k * n + p];
          const mkq = m[k * n + q];
          m[k * n + p] = c * mkp - s * mkq;
          m[k * n + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          // rows p, q
          const mpk = m[p * n + k];
          const mqk = m[q * n + k];
          m[p * n + k] = c * mpk - s * mqk;
          m[q * n + k] = s * mpk + c * mqk;
        }
      }
  }
  const ev: number[] = [];
  for (let i = 0; i < n; i++) ev.push(m[i * n + i]);
  return ev.sort((x, y) => x - y);
}
