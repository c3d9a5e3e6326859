//! What every subcommand asks of the machine: the time now and the largest the process has
//! been. (The app's chrono is built without its clock.)

use chrono::{DateTime, FixedOffset, Utc};

/// The time now, in UTC.
pub fn now() -> DateTime<FixedOffset> {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|since| since.as_secs() as i64)
        .unwrap_or_default();
    DateTime::<Utc>::from_timestamp(seconds, 0)
        .unwrap_or_default()
        .fixed_offset()
}

/// The largest the process has been (`VmHWM` on Linux), in bytes.
pub fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}
