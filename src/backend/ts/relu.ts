// (placeholder: TS twins land here)
export {};
