//! The editing token: 128 random bits made when the preview starts, printed in the address the author opens,
//! kept by their browser as a cookie and sent back with every write.

use axum::http::{HeaderMap, HeaderValue, header};

/// 128 random bits as hex, from the system's generator.
pub(super) fn new_token() -> String {
    use std::io::Read as _;
    let mut bytes = [0u8; 16];
    let read = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut bytes));
    if read.is_err() {
        // No /dev/urandom (Windows): the standard library's per-process random hash keys.
        use std::hash::{BuildHasher, Hasher};
        for chunk in bytes.chunks_mut(8) {
            let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
            hasher.write_u128(
                std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos()),
            );
            chunk.copy_from_slice(&hasher.finish().to_le_bytes()[..chunk.len()]);
        }
    }
    bytes.iter().fold(String::new(), |mut hex, b| {
        use std::fmt::Write as _;
        let _ = write!(hex, "{b:02x}");
        hex
    })
}

/// The cookie the editor's page reads its token from (SameSite=Strict: never sent by another site's page).
pub(super) fn token_cookie(token: &str) -> HeaderValue {
    HeaderValue::from_str(&format!("sinew_token={token}; Path=/; SameSite=Strict"))
        .unwrap_or(HeaderValue::from_static(""))
}

pub(super) fn cookie_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| pair.trim().strip_prefix("sinew_token="))
}

/// Compares without stopping at the first difference, so timing says nothing of the token.
pub(super) fn same_secret(given: &str, token: &str) -> bool {
    given.len() == token.len() && given.bytes().zip(token.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}
