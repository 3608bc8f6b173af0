//! Runnable examples of huaweicloud-partner (see `examples/rust/`).
