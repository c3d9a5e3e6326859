//! The one error type of the API client, and the Korean sentence a reader sees for it.

use std::fmt;

/// Why a request to the news API gave no usable data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// The API answered 404: the article or page does not exist.
    NotFound,
    /// The API answered with another non-success status.
    Http(u16),
    /// The body was not the JSON the contract describes; carries serde's message for developers.
    Decode(String),
    /// The request never got an answer (offline, DNS, connection dropped, CORS).
    Network,
    /// No complete answer within [`crate::api::client::TIMEOUT_MS`].
    Timeout,
}

impl ApiError {
    /// The sentence shown to readers. It never includes server text, which may be hostile.
    pub fn korean_message(&self) -> String {
        match self {
            Self::NotFound => "요청하신 내용을 찾을 수 없습니다.".to_owned(),
            Self::Http(status) => {
                format!("서버에 문제가 생겨 내용을 불러오지 못했습니다. (오류 코드 {status})")
            }
            Self::Decode(_) => "받은 자료의 형식이 올바르지 않아 표시할 수 없습니다.".to_owned(),
            Self::Network => "네트워크에 연결할 수 없습니다. 연결 상태를 확인해 주세요.".to_owned(),
            Self::Timeout => {
                "서버 응답이 늦어지고 있습니다. 잠시 후 다시 시도해 주세요.".to_owned()
            }
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotFound => write!(f, "not found (HTTP 404)"),
            Self::Http(status) => write!(f, "HTTP status {status}"),
            Self::Decode(message) => write!(f, "malformed JSON: {message}"),
            Self::Network => write!(f, "network error"),
            Self::Timeout => write!(f, "request timed out"),
        }
    }
}

impl std::error::Error for ApiError {}
