//! Exposes a C-ABI for symbolic.

#![allow(clippy::missing_safety_doc)]

#[macro_use]
mod utils;

mod cfi;
mod common;
mod core;
mod debuginfo;
mod proguard;
mod sourcemap;
mod sourcemapcache;
mod symcache;

pub use crate::cfi::*;
pub use crate::common::*;
pub use crate::core::*;
pub use crate::debuginfo::*;
pub use crate::proguard::*;
pub use crate::sourcemap::*;
pub use crate::sourcemapcache::*;
pub use crate::symcache::*;
