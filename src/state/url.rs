//! The page URL's query string: reading one parameter and rewriting one while keeping the others.
//!
//! The filter's URL text (`contacts_core::filter::Filter::to_url_text`) is made to stay readable,
//! so only what a query value cannot hold is percent-encoded: `~ : , ! * . - _` and letters stay
//! as they are (Cyrillic is encoded as UTF-8 bytes, which browsers show decoded). Pure string
//! work, tested natively; it never touches `window.location`.

/// The query parameter that holds the filter of the Contacts page.
pub const FILTER_PARAM: &str = "f";

/// Percent-encodes `value` for a query string: keeps ASCII letters, digits and `-._~:,!*`,
/// encodes every other byte (space as `%20`, `+` as `%2B`, `&` as `%26`, UTF-8 bytes as `%XX`).
pub fn encode_query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~:,!*".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Decodes a query value: `+` is a space and `%XX` a byte; invalid UTF-8 becomes `�` and a `%`
/// without two hex digits stays as it is.
pub fn decode_query_value(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match hex_pair(bytes[i + 1], bytes[i + 2]) {
                Some(byte) => {
                    out.push(byte);
                    i += 2;
                }
                None => out.push(b'%'),
            },
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_pair(high: u8, low: u8) -> Option<u8> {
    let digit = |b: u8| char::from(b).to_digit(16);
    Some((digit(high)? * 16 + digit(low)?) as u8)
}

/// The decoded value of the first parameter `key` in `search` (with or without its `?`).
pub fn query_param(search: &str, key: &str) -> Option<String> {
    let query = search.strip_prefix('?').unwrap_or(search);
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (decode_query_value(k) == key).then(|| decode_query_value(v))
    })
}

/// `search` with every parameter `key` removed and, when `value` is given, `key=value` appended;
/// the other parameters keep their text and order. Gives `""` or a string starting with `?`.
pub fn query_with(search: &str, key: &str, value: Option<&str>) -> String {
    let query = search.strip_prefix('?').unwrap_or(search);
    let mut pairs: Vec<String> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .filter(|pair| {
            let k = pair.split_once('=').map_or(*pair, |(k, _)| k);
            decode_query_value(k) != key
        })
        .map(str::to_owned)
        .collect();
    if let Some(value) = value {
        pairs.push(format!(
            "{}={}",
            encode_query_value(key),
            encode_query_value(value)
        ));
    }
    if pairs.is_empty() {
        String::new()
    } else {
        format!("?{}", pairs.join("&"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_text_stays_readable_and_round_trips() {
        let text = "1~c:6~billing.city:eq:Москва,Санкт-Петербург~points:gt:100";
        let encoded = encode_query_value(text);
        assert!(
            encoded.starts_with("1~c:6~billing.city:eq:%D0%9C"),
            "{encoded}"
        );
        assert_eq!(decode_query_value(&encoded), text);
        for tricky in ["a b+c&d=e#f%g?h", "ё/\\\"'<>", "100%", ""] {
            assert_eq!(decode_query_value(&encode_query_value(tricky)), tricky);
        }
    }

    #[test]
    fn decoding_is_lenient() {
        assert_eq!(decode_query_value("a+b"), "a b");
        assert_eq!(decode_query_value("100%"), "100%");
        assert_eq!(decode_query_value("%zz%4"), "%zz%4");
        assert_eq!(decode_query_value("%FF"), "\u{fffd}");
    }

    #[test]
    fn reads_the_first_parameter() {
        assert_eq!(query_param("?demo=5&f=1~x", "f").as_deref(), Some("1~x"));
        assert_eq!(query_param("f=a%20b&f=c", "f").as_deref(), Some("a b"));
        assert_eq!(query_param("?f", "f").as_deref(), Some(""));
        assert_eq!(query_param("?ff=1", "f"), None);
        assert_eq!(query_param("", "f"), None);
    }

    #[test]
    fn rewrites_one_parameter_and_keeps_the_others() {
        assert_eq!(
            query_with("?demo=10000", "f", Some("1~g:3")),
            "?demo=10000&f=1~g:3"
        );
        assert_eq!(
            query_with("?f=old&demo=5&f=older", "f", Some("new")),
            "?demo=5&f=new"
        );
        assert_eq!(query_with("?demo=5&f=old", "f", None), "?demo=5");
        assert_eq!(query_with("?f=old", "f", None), "");
        assert_eq!(query_with("", "f", Some("a b")), "?f=a%20b");
    }
}
