//! Filter benchmark.
fn main() {}
