//! Bytes to text: the encoding of a CSV or TXT file, from its byte order mark, else UTF-8 when
//! the bytes are valid UTF-8, else Windows-1251 (what Russian Excel writes); the user may name
//! it instead. Binary data (NUL bytes, many control characters) is refused, never guessed at.

use encoding_rs::{UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1251};

use super::error::ReadError;

/// A text encoding import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// UTF-8, with or without a byte order mark.
    Utf8,
    /// UTF-16 little-endian (with a byte order mark when detected).
    Utf16Le,
    /// UTF-16 big-endian (with a byte order mark when detected).
    Utf16Be,
    /// Windows-1251, Russian Excel's default.
    Windows1251,
}

impl Encoding {
    /// Every encoding, in the order the import page offers them.
    pub const ALL: [Encoding; 4] = [Self::Utf8, Self::Windows1251, Self::Utf16Le, Self::Utf16Be];

    /// The name the import page shows.
    pub fn label(self) -> &'static str {
        match self {
            Self::Utf8 => "UTF-8",
            Self::Utf16Le => "UTF-16 LE",
            Self::Utf16Be => "UTF-16 BE",
            Self::Windows1251 => "Windows-1251",
        }
    }

    fn codec(self) -> &'static encoding_rs::Encoding {
        match self {
            Self::Utf8 => UTF_8,
            Self::Utf16Le => UTF_16LE,
            Self::Utf16Be => UTF_16BE,
            Self::Windows1251 => WINDOWS_1251,
        }
    }
}

/// Text read from bytes, and the encoding it was read with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte order mark.
    pub text: String,
    /// The encoding used.
    pub encoding: Encoding,
}

/// Reads `bytes` as text in `forced`, or in the detected encoding when `forced` is `None`.
/// A byte order mark always wins over detection and is dropped. Invalid sequences become
/// U+FFFD. Binary data is [`ReadError::Binary`]; no text at all is [`ReadError::Empty`].
pub fn decode(bytes: &[u8], forced: Option<Encoding>) -> Result<Decoded, ReadError> {
    let (bom, body) = match encoding_rs::Encoding::for_bom(bytes) {
        Some((codec, len)) => (Some(from_codec(codec)), &bytes[len..]),
        None => (None, bytes),
    };
    let encoding = forced.or(bom).unwrap_or_else(|| detect(body));
    let unit = match encoding {
        Encoding::Utf16Le | Encoding::Utf16Be => 2,
        Encoding::Utf8 | Encoding::Windows1251 => 1,
    };
    if unit == 1 && body.contains(&0) {
        return Err(ReadError::Binary);
    }
    let (text, _) = encoding.codec().decode_without_bom_handling(body);
    if looks_binary(&text) {
        return Err(ReadError::Binary);
    }
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding,
    })
}

/// UTF-8 when the bytes are valid UTF-8, else Windows-1251.
fn detect(body: &[u8]) -> Encoding {
    if std::str::from_utf8(body).is_ok() {
        Encoding::Utf8
    } else {
        Encoding::Windows1251
    }
}

fn from_codec(codec: &'static encoding_rs::Encoding) -> Encoding {
    if codec == UTF_16LE {
        Encoding::Utf16Le
    } else if codec == UTF_16BE {
        Encoding::Utf16Be
    } else {
        Encoding::Utf8
    }
}

/// Whether decoded text is really binary: a NUL, or more than one ASCII control character
/// (other than tab, line feed, carriage return and form feed) in 20. Text read in a wrong
/// encoding is not binary: its mojibake and replacement characters pass.
fn looks_binary(text: &str) -> bool {
    let mut total = 0usize;
    let mut odd = 0usize;
    for c in text.chars() {
        total += 1;
        if c == '\0' {
            return true;
        }
        if c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}') {
            odd += 1;
        }
    }
    odd * 20 > total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut bytes = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.encode_utf16() {
            let pair = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            bytes.extend(pair);
        }
        bytes
    }

    #[test]
    fn byte_order_marks_and_detection() {
        let plain = decode("Фамилия;Имя".as_bytes(), None).unwrap();
        assert_eq!(
            (plain.text.as_str(), plain.encoding),
            ("Фамилия;Имя", Encoding::Utf8)
        );
        let bom = decode("\u{feff}Имя".as_bytes(), None).unwrap();
        assert_eq!((bom.text.as_str(), bom.encoding), ("Имя", Encoding::Utf8));
        let le = decode(&utf16("Имя;E-mail", false), None).unwrap();
        assert_eq!(
            (le.text.as_str(), le.encoding),
            ("Имя;E-mail", Encoding::Utf16Le)
        );
        let be = decode(&utf16("Имя", true), None).unwrap();
        assert_eq!((be.text.as_str(), be.encoding), ("Имя", Encoding::Utf16Be));
        let (cp1251, _, _) = WINDOWS_1251.encode("Ёлкина;Анна");
        let read = decode(&cp1251, None).unwrap();
        assert_eq!(
            (read.text.as_str(), read.encoding),
            ("Ёлкина;Анна", Encoding::Windows1251)
        );
    }

    #[test]
    fn the_user_can_name_the_encoding() {
        let (cp1251, _, _) = WINDOWS_1251.encode("Имя");
        assert_eq!(
            decode(&cp1251, Some(Encoding::Windows1251)).unwrap().text,
            "Имя"
        );
        let forced = decode("Имя".as_bytes(), Some(Encoding::Windows1251)).unwrap();
        assert_eq!(forced.encoding, Encoding::Windows1251);
        assert_ne!(forced.text, "Имя");
    }

    #[test]
    fn empty_and_binary_input_are_refused() {
        assert_eq!(decode(b"", None), Err(ReadError::Empty));
        assert_eq!(decode(b" \r\n\n", None), Err(ReadError::Empty));
        assert_eq!(decode(b"a\0b", None), Err(ReadError::Binary));
        assert_eq!(
            decode(&[1, 2, 3, 4, 5, 6, 7, 8], None),
            Err(ReadError::Binary)
        );
        assert_eq!(
            decode(b"\x7fELF\x02\x01\x01\x00", None),
            Err(ReadError::Binary)
        );
    }
}
