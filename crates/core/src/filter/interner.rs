//! A dictionary of distinct strings with dense ids, kept in one arena: the storage behind text,
//! phone and tag columns. Id 0 is always the empty string. It never folds or judges its strings;
//! callers intern what they mean to compare.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Distinct strings, each with a dense id from 0 (the empty string) upwards.
#[derive(Debug)]
pub(super) struct Interner {
    arena: String,
    spans: Vec<(u32, u32)>,
    /// The first id whose string has this hash.
    by_hash: HashMap<u64, u32, BuildHasherDefault<PassThrough>>,
    /// The next id with the same hash as this one, or [`NONE`].
    next_same_hash: Vec<u32>,
}

/// No id.
const NONE: u32 = u32::MAX;

impl Interner {
    /// A dictionary holding only the empty string, as id 0.
    pub(super) fn new() -> Self {
        let mut interner = Self {
            arena: String::new(),
            spans: Vec::new(),
            by_hash: HashMap::default(),
            next_same_hash: Vec::new(),
        };
        interner.intern("");
        interner
    }

    /// How many distinct strings it holds.
    pub(super) fn len(&self) -> usize {
        self.spans.len()
    }

    /// The string with id `id`.
    pub(super) fn get(&self, id: u32) -> &str {
        let (start, len) = self.spans[id as usize];
        &self.arena[start as usize..(start + len) as usize]
    }

    /// The id of `text`, if it is held.
    pub(super) fn find(&self, text: &str) -> Option<u32> {
        let mut id = *self.by_hash.get(&hash(text))?;
        while id != NONE {
            if self.get(id) == text {
                return Some(id);
            }
            id = self.next_same_hash[id as usize];
        }
        None
    }

    /// The id of `text`, adding it when it is new.
    pub(super) fn intern(&mut self, text: &str) -> u32 {
        if let Some(id) = self.find(text) {
            return id;
        }
        let id = self.spans.len() as u32;
        self.spans
            .push((self.arena.len() as u32, text.len() as u32));
        self.arena.push_str(text);
        let previous = self.by_hash.insert(hash(text), id);
        self.next_same_hash.push(previous.unwrap_or(NONE));
        id
    }
}

/// FNV-1a: deterministic and quick on short strings.
fn hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Hashes a `u64` key that is already a hash to itself.
#[derive(Default)]
struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_dense_and_stable() {
        let mut interner = Interner::new();
        assert_eq!(interner.find(""), Some(0));
        let a = interner.intern("москва");
        let b = interner.intern("казань");
        assert_eq!((a, b), (1, 2));
        assert_eq!(interner.intern("москва"), a);
        assert_eq!(interner.get(b), "казань");
        assert_eq!(interner.find("омск"), None);
        assert_eq!(interner.len(), 3);
    }
}
