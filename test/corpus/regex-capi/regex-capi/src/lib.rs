#[macro_use]
mod macros;
mod error;
mod rure;

pub use crate::error::*;
pub use crate::rure::*;
