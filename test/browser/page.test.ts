/**
 * The library in a browser with no configuration: bundles examples/browser with Vite, serves it
 * on 127.0.0.1, drives Debian's Chromium through playwright-core, and checks that the page's
 * H∞, training curve, trained weights and learning-curve sample (docs/experiments.md#the-learning-curve-task) (F*, labels, tokens,
 * log C(F*)) are the same f64 bits as Node's for the same seed. Served plainly, the page runs
 * the single-thread build and says why; served cross-origin isolated (COOP/COEP headers), it
 * runs the threaded build, and its threads check (H∞ of 150 sequences, its Cholesky factor, a
 * matrix product) gives Node's bits with 1 and 2 threads.
 * Saves a screenshot to report/browser/example.png. Chromium missing: fails on CI (CI=true
 * installs it), skips with a message elsewhere.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bitsHex, parallelCheck, runDemo, sampleLearningCurveTask } from '../../examples/browser/compute.js';
import { learningCurvePreset } from '../../src/index.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.svg': 'image/svg+xml' };
const SEED = 11;

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  const message = `${CHROMIUM} is missing: install it with 'apt-get install -y chromium' (.ci/run does) to run the browser test`;
  if (process.env.CI === 'true') throw new Error(message);
  console.warn(`skipping the browser test: ${message}`);
}

/** The two headers that make a page cross-origin isolated (shared memory, hence threads). */
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

/** Serves the files of `dir` (nothing outside it) on 127.0.0.1 at a free port, with `headers` on every file. */
function serve(dir: string, headers: Record<string, string> = {}): Promise<Server> {
  const server = createServer((req, res) => {
    const path = normalize(join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    const file = path.endsWith('/') ? join(path, 'index.html') : path;
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

describe.skipIf(!haveChromium)('the browser example', () => {
  let out: string;
  let server: Server;
  let isolatedServer: Server;
  let browser: Browser;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'rnn-ntk-browser-'));
    await build({ configFile: join(ROOT, 'examples/browser/vite.config.ts'), logLevel: 'warn', build: { outDir: out, emptyOutDir: true } });
    server = await serve(out);
    isolatedServer = await serve(out, ISOLATION);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((ok) => (server ? server.close(ok) : ok(undefined)));
    await new Promise((ok) => (isolatedServer ? isolatedServer.close(ok) : ok(undefined)));
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('computes H∞, trains and samples the learning-curve task with the same bits as Node, and renders', async () => {
    const page = await browser.newPage({ viewport: { width: 960, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const { port } = server.address() as AddressInfo;
    await page.goto(`http://127.0.0.1:${port}/index.html?seed=${SEED}`);
    await page.waitForFunction(() => window.rnnNtkResult !== undefined, undefined, { timeout: 60_000 });
    expect(errors).toEqual([]);
    const inPage = await page.evaluate(() => window.rnnNtkResult!);

    const inNode = await runDemo(SEED);
    expect(inPage.backend).toBe('wasm');
    expect(inPage.backend).toBe(inNode.backend);
    expect(inPage.hinf).toBe(bitsHex(inNode.hinf));
    expect(inPage.curve).toBe(bitsHex(inNode.curve.flatMap((p) => [p.runningLoss, p.heldOutError])));
    expect(inPage.weights).toBe(bitsHex(inNode.weights));
    // served without the isolation headers: the single-thread build, saying why, with the same bits
    expect(inPage.threads).toMatchObject({ build: 'single-thread', threads: 1, workersReady: 0 });
    expect(inPage.threads.reason).toMatch(/not cross-origin isolated.*Cross-Origin-Opener-Policy/);
    const check = parallelCheck(SEED);
    expect([inPage.threads.hinf, inPage.threads.factor, inPage.threads.product]).toEqual([check.hinf, check.factor, check.product].map(bitsHex));
    // the learning-curve task: ψ = sin 2z + z²/2 − 1/4 and the |F*| < 0.3 rejections, same bits
    const concept = sampleLearningCurveTask(SEED);
    expect(inPage.concept.fstar).toBe(bitsHex(concept.fstar));
    expect(inPage.concept.labels).toBe(bitsHex(concept.labels));
    expect(inPage.concept.x).toBe(bitsHex(concept.x));
    expect(inPage.concept.logComplexityAndRejection).toBe(bitsHex(concept.logComplexityAndRejection));
    // and it is a real sample of the task: labels are sign F*, every |F*| ≥ the rejection threshold
    const threshold = learningCurvePreset.margin.mode === 'reject' ? learningCurvePreset.margin.threshold : NaN;
    expect(concept.fstar.length).toBe(40);
    concept.fstar.forEach((f, i) => {
      expect(Math.abs(f)).toBeGreaterThanOrEqual(threshold);
      expect(concept.labels[i]).toBe(Math.sign(f));
    });
    // the page learned something: the last held-out error is below the first
    expect(inNode.curve[inNode.curve.length - 1].heldOutError).toBeLessThan(inNode.curve[0].heldOutError);

    const shotDir = join(ROOT, 'report/browser');
    mkdirSync(shotDir, { recursive: true });
    await page.screenshot({ path: join(shotDir, 'example.png'), timeout: 20_000 });
    expect(await page.locator('#hinf td').count()).toBe(36);
    expect(await page.locator('#plot polyline').count()).toBe(2);
  });

  it('cross-origin isolated, runs the threaded build: 1 and 2 threads give the same bits as Node', async () => {
    const check = parallelCheck(SEED);
    const { port } = isolatedServer.address() as AddressInfo;
    for (const threads of [1, 2]) {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`http://127.0.0.1:${port}/index.html?seed=${SEED}&threads=${threads}`);
      await page.waitForFunction(() => window.rnnNtkResult !== undefined, undefined, { timeout: 90_000 });
      expect(errors).toEqual([]);
      const inPage = await page.evaluate(() => window.rnnNtkResult!);
      expect(inPage.threads).toMatchObject({ build: 'threads', threads, workersReady: threads - 1 });
      expect([inPage.threads.hinf, inPage.threads.factor, inPage.threads.product]).toEqual([check.hinf, check.factor, check.product].map(bitsHex));
      await page.close();
    }
  });

  it('shows what is wrong with a bad ?seed= instead of hanging at "computing"', async () => {
    const page = await browser.newPage();
    const { port } = server.address() as AddressInfo;
    await page.goto(`http://127.0.0.1:${port}/index.html?seed=abc`);
    await page.waitForFunction(() => document.getElementById('status')!.textContent!.startsWith('error:'), undefined, { timeout: 30_000 });
    expect(await page.locator('#status').textContent()).toMatch(/^error: seed must be an integer in \[0, 2\^53\), got NaN/);
    expect(await page.evaluate(() => window.rnnNtkResult)).toBeUndefined();
  });
});
