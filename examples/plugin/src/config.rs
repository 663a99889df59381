/// Settings the host passes to `greeter_new`.
#[derive(Clone, Copy, Debug)]
pub struct PluginConfig {
    pub shout: bool,
    pub level: LogLevel,
    pub max_length: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogLevel {
    Error,
    Warn,
    Info,
}
