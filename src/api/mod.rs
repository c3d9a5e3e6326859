//! The JSON contract: typed models, the client that fetches them, its error type, and the
//! reactive resource pages read them from. Nothing here knows about views.

pub mod client;
pub mod error;
pub mod models;
pub mod preload;
pub mod resource;
pub mod search;
pub mod tolerant;

pub use error::ApiError;
pub use resource::ApiResource;
