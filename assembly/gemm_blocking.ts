// The blocked matrix-multiply engine shared by gemm, syrk and potrf (not exported from the
// module; assembly/gemm.ts and assembly/syrk.ts expose it).
//
// Scheme for row-major C: for each block of MC rows and each depth block of KC, op(A)[MC×KC]
// is packed into strips of MR rows ([p][ii], contiguous, 255 KiB: it stays in L2); then for
// each panel of NC columns op(B)[KC×NC] is packed into strips of NR columns ([p][jj], 32 KiB:
// it stays in L1); both are zero-padded past the edge (packStrips). Both live in this instance's scratch
// block (assembly/thread_scratch.ts, allocated once by the TS side), so kernels never
// allocate. The MR×NR register tile holds MR·NR/2 f64x2 accumulators and walks one A strip
// and one B strip with a single step each; edge tiles store only their valid part (and only
// i ≥ j for the lower-triangular update).
// Why A is packed: read in place, a tile row of A needed its own pointer (rows lda apart) and
// V8 spent an integer add per row per step on them; packed, the MR A values of a step sit
// at fixed offsets of one pointer. Measured on one core: 64–67 % → 72–77 % of the f64x2 peak.
// Why MR = 5: V8 has 15 allocatable xmm registers and no fused multiply-add, so a tile needs
// MR·NR/2 accumulators + 2 B lanes pairs + 1 A splat + 1 product; 5×4 uses 14 without spilling
// (6×4 spilled one accumulator per step), and its 20 mul/add per step carry the loop's fixed
// cost better than 4×4's 16: +2 to +6 points of peak in 3 of 4 paired measurements.
//
// Operation order (the TS twins repeat it, so results are bit-exact): the caller first sets
// C ← βC; then for each depth block [p0, p0 + KC) in order, every C_ij is updated once:
//   s = 0; s = s + op(A)_ip · op(B)_pj for p = p0, p0 + 1, … (sequential);  C_ij = C_ij + α s.
// Packing and the loop order over blocks only decide when each C_ij's update runs, never its
// operations. The KC value is mirrored in src/backend/blocked-accumulate.ts (GEMM_K_BLOCK).
import { addr } from './address';
import { packABuffer, packBuffer, tileBuffer } from './thread_scratch';

/** Register tile: rows of A per strip (see the register budget above). */
const MR: i32 = 5;
/** Register tile: columns of B per strip (two f64x2 lanes pairs). */
const NR: i32 = 4;
/** Depth block; must equal GEMM_K_BLOCK in src/backend/blocked-accumulate.ts. */
const KC: i32 = 128;
/** Rows of A per block (multiple of MR): its packed MC×KC part (255 KiB) stays in L2 while the panels sweep. */
const MC: i32 = 255;
/** Columns of B per packed panel (multiple of NR): KC·NC·8 bytes = 32 KiB. */
const NC: i32 = 32;


/** C ← βC on an m×n block (only j ≤ i when `lower`); β = 0 writes zeros without reading C. */
export function scaleBlock(m: i32, n: i32, beta: f64, c: u32, ldc: i32, lower: bool): void {
  if (beta == 1.0) return;
  for (let i = 0; i < m; i++) {
    const row = addr(c) + (<usize>i) * ((<usize>ldc) << 3);
    const cols = lower ? min(i + 1, n) : n;
    if (beta == 0.0) {
      memory.fill(row, 0, (<usize>cols) << 3);
    } else {
      for (let j = 0; j < cols; j++) {
        const p = row + ((<usize>j) << 3);
        store<f64>(p, beta * load<f64>(p));
      }
    }
  }
}

/**
 * Packs `count` lines — rows of op(A) or columns of op(B) — over the depth block
 * [p0, p0 + kc) into `dst` as strips of `width` lines, [p][w] within a strip, zero past the
 * last line (a tile never stores the results of those). Line i at depth q is src[i·ld + q]
 * when `lineMajor` (op(A) = A, op(B) = Bᵀ), else src[q·ld + i]; a full strip of four
 * contiguous values is copied as two f64x2.
 */
function packStrips(lineMajor: bool, src: u32, ld: i32, i0: i32, p0: i32, count: i32, kc: i32, width: i32, dst: usize): void {
  const l = <usize>ld;
  for (let t = 0; t < count; t += width) {
    const lines = min(width, count - t);
    for (let p = 0; p < kc; p++) {
      const q = <usize>(p0 + p);
      if (!lineMajor && lines == 4 && width == 4) {
        const from = addr(src) + ((q * l + <usize>(i0 + t)) << 3);
        v128.store(dst, v128.load(from));
        v128.store(dst, v128.load(from, 16), 16);
      } else {
        for (let w = 0; w < width; w++) {
          let v = 0.0;
          if (w < lines) {
            const i = <usize>(i0 + t + w);
            v = lineMajor ? load<f64>(addr(src) + ((i * l + q) << 3)) : load<f64>(addr(src) + ((q * l + i) << 3));
          }
          store<f64>(dst + ((<usize>w) << 3), v);
        }
      }
      dst += (<usize>width) << 3;
    }
  }
}

/** C_row ← C_row + α acc on two f64x2 lanes pairs (a full NR = 4 row of the tile). */
// @ts-ignore: decorator
@inline function updateRow(pc: usize, alpha: v128, lo: v128, hi: v128): void {
  v128.store(pc, f64x2.add(v128.load(pc), f64x2.mul(alpha, lo)));
  v128.store(pc, f64x2.add(v128.load(pc, 16), f64x2.mul(alpha, hi)), 16);
}

/**
 * The MR×NR register tile over depth kc: acc_ij = Σ_p op(A)_ip · pb[p][j] (sequential p), then
 * C_ij += α acc_ij for the rows × cols valid entries, and only for i + diag ≥ j when `lower`
 * (diag = global row of the tile's first row − global column of its first column).
 * `pa` is a packed A strip ([p][ii], MR·8 bytes per p) and `pb` a packed B strip ([p][jj],
 * NR·8 bytes per p); rows and columns past the edge hold zeros, and their results are discarded.
 */
function microTile(
  kc: i32, pa: usize, pb: usize, pc: usize, ldcBytes: usize, alpha: f64,
  rows: i32, cols: i32, lower: bool, diag: i32,
): void {
  let c00 = f64x2.splat(0.0);
  let c01 = f64x2.splat(0.0);
  let c10 = f64x2.splat(0.0);
  let c11 = f64x2.splat(0.0);
  let c20 = f64x2.splat(0.0);
  let c21 = f64x2.splat(0.0);
  let c30 = f64x2.splat(0.0);
  let c31 = f64x2.splat(0.0);
  let c40 = f64x2.splat(0.0);
  let c41 = f64x2.splat(0.0);
  const end = pb + ((<usize>kc) << 5);
  while (pb < end) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let a = v128.load64_splat(pa);
    c00 = f64x2.add(c00, f64x2.mul(a, b0));
    c01 = f64x2.add(c01, f64x2.mul(a, b1));
    a = v128.load64_splat(pa, 8);
    c10 = f64x2.add(c10, f64x2.mul(a, b0));
    c11 = f64x2.add(c11, f64x2.mul(a, b1));
    a = v128.load64_splat(pa, 16);
    c20 = f64x2.add(c20, f64x2.mul(a, b0));
    c21 = f64x2.add(c21, f64x2.mul(a, b1));
    a = v128.load64_splat(pa, 24);
    c30 = f64x2.add(c30, f64x2.mul(a, b0));
    c31 = f64x2.add(c31, f64x2.mul(a, b1));
    a = v128.load64_splat(pa, 32);
    c40 = f64x2.add(c40, f64x2.mul(a, b0));
    c41 = f64x2.add(c41, f64x2.mul(a, b1));
    pa += 40;
    pb += 32;
  }
  const al = f64x2.splat(alpha);
  if (rows == MR && cols == NR && (!lower || diag >= NR - 1)) {
    updateRow(pc, al, c00, c01);
    updateRow(pc + ldcBytes, al, c10, c11);
    updateRow(pc + 2 * ldcBytes, al, c20, c21);
    updateRow(pc + 3 * ldcBytes, al, c30, c31);
    updateRow(pc + 4 * ldcBytes, al, c40, c41);
    return;
  }
  const tile = tileBuffer();
  v128.store(tile, c00);
  v128.store(tile, c01, 16);
  v128.store(tile, c10, 32);
  v128.store(tile, c11, 48);
  v128.store(tile, c20, 64);
  v128.store(tile, c21, 80);
  v128.store(tile, c30, 96);
  v128.store(tile, c31, 112);
  v128.store(tile, c40, 128);
  v128.store(tile, c41, 144);
  for (let i = 0; i < rows; i++) {
    const jEnd = lower ? min(cols, i + diag + 1) : cols;
    for (let j = 0; j < jEnd; j++) {
      const p = pc + (<usize>i) * ldcBytes + ((<usize>j) << 3);
      store<f64>(p, load<f64>(p) + alpha * load<f64>(tile + ((<usize>(i * NR + j)) << 3)));
    }
  }
}

/**
 * C(m×n) ← C + α op(A) op(B), op(A) m×k, op(B) k×n, in the order stated above; with `lower`
 * only entries with i ≥ j are updated (the syrk and Cholesky trailing update).
 */
export function gemmAccumulate(
  transA: bool, transB: bool, m: i32, n: i32, k: i32, alpha: f64,
  a: u32, lda: i32, b: u32, ldb: i32, c: u32, ldc: i32, lower: bool,
): void {
  const ldcBytes = (<usize>ldc) << 3;
  for (let ic = 0; ic < m; ic += MC) {
    const mc = min(MC, m - ic);
    // with `lower`, the row block needs only the columns j ≤ its last row
    const nEnd = lower ? min(n, ic + mc) : n;
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      packStrips(!transA, a, lda, ic, pc, mc, kc, MR, packABuffer());
      for (let jc = 0; jc < nEnd; jc += NC) {
        const nc = min(NC, nEnd - jc);
        packStrips(transB, b, ldb, jc, pc, nc, kc, NR, packBuffer());
        // with `lower`, whole strips above the panel's first column need nothing
        for (let i0 = lower && jc > ic ? ic + ((jc - ic) / MR) * MR : ic; i0 < ic + mc; i0 += MR) {
          const rows = min(MR, ic + mc - i0);
          const pa = packABuffer() + (<usize>(i0 - ic)) * (<usize>kc << 3);
          const pcRow = addr(c) + (<usize>i0) * ldcBytes;
          for (let jr = 0; jr < nc; jr += NR) {
            const j0 = jc + jr;
            if (lower && i0 + rows - 1 < j0) break; // this tile and the rest lie above the diagonal
            const pb = packBuffer() + (<usize>jr) * (<usize>kc << 3);
            microTile(kc, pa, pb, pcRow + ((<usize>j0) << 3), ldcBytes, alpha,
              rows, min(NR, nc - jr), lower, i0 - j0);
          }
        }
      }
    }
  }
}
