/**
 * `Symbol.dispose` (explicit resource management, `using x = …`). Node ≥ 20.4 and current
 * browsers define it; where an engine does not, it is defined here as `Symbol.for('Symbol.dispose')`,
 * the symbol TypeScript's `using` down-levelling looks up, so `using` works on every engine.
 */
if (typeof Symbol.dispose !== 'symbol') {
  Object.defineProperty(Symbol, 'dispose', { value: Symbol.for('Symbol.dispose'), configurable: false, writable: false });
}

/** The engine's `Symbol.dispose` (or the polyfilled one): objects owning heap memory implement it. */
export const disposeSymbol: typeof Symbol.dispose = Symbol.dispose;
