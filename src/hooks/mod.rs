//! `use_*` behaviours a component calls to get something done for it, each in its own file.

pub mod use_attention;
pub mod use_rotation;

pub use use_attention::{use_attention, Attention};
pub use use_rotation::{prefers_reduced_motion, use_rotation};
