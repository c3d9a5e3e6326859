//! The JSON contract: typed models, the client that fetches them, and its error type.
//! Nothing here knows about views.

pub mod client;
pub mod error;
pub mod models;

pub use error::ApiError;
