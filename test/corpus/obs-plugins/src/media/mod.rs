pub mod audio;
pub mod state;
pub mod video;

pub use audio::*;
pub use state::*;
pub use video::*;
