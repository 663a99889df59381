//! A collection of commonly used items for implement a Plugin

#[doc(no_inline)]
pub use crate::api::{Events, Supported};
#[doc(no_inline)]
pub use crate::buffer::{AudioBuffer, SendEventBuffer};
#[doc(no_inline)]
pub use crate::event::{Event, MidiEvent};
#[doc(no_inline)]
pub use crate::plugin::{CanDo, Category, HostCallback, Info, Plugin, PluginParameters};
#[doc(no_inline)]
pub use crate::util::{AtomicFloat, ParameterTransfer};
