// Element offset (f64 units) -> byte address. Kept in one place so every kernel agrees.
// @ts-ignore: decorator
@inline export function addr(off: u32): usize {
  return (<usize>off) << 3;
}
