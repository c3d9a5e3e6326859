//! App-wide reactive state, provided once through context by the app shell.

pub mod current_section;
pub mod shared_data;

pub use current_section::CurrentSection;
pub use shared_data::SharedData;
