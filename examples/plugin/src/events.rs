use std::ffi::c_int;

/// What the host sends to the plugin.
pub struct Event {
    pub kind: u32,
    pub payload: u64,
}

/// The table of entry points the host calls after loading the plugin.
#[repr(C)]
pub struct PluginVtable {
    pub abi_version: u32,
    pub on_event: Option<extern "C" fn(event: Event) -> c_int>,
}

pub extern "C" fn on_event(event: Event) -> c_int {
    (event.kind as u64 + event.payload) as c_int
}
