//! Commonly used sqlite-loadable items for easy glob imports.

#[doc(inline)]
pub use crate::entrypoints::register_entrypoint;
#[doc(inline)]
pub use crate::entrypoints::register_entrypoint_load_permanently;
#[doc(inline)]
pub use crate::ext::{
    sqlite3, sqlite3_api_routines, sqlite3_context, sqlite3_value, sqlite3_vtab,
    sqlite3_vtab_cursor,
};
pub use sqlite_loadable_macros::sqlite_entrypoint;
pub use sqlite_loadable_macros::sqlite_entrypoint_permanent;

pub use std::os::raw::{c_char, c_uint};

pub use crate::FunctionFlags;
