//! Hash maps keyed by short normalised words, with a cheap hasher.
//!
//! Owns only the hasher: the lexicons of this crate are built once from
//! constant tables and looked up for every token of every body, where the
//! standard library's DoS-resistant SipHash was a visible share of the time.
//! The keys are our own lexicon words, never attacker-chosen input, so a
//! fast multiplicative hash is enough. It must not be used for maps whose
//! keys come from the text being read.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A word-keyed map with [`WordHasher`].
pub type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// A word set with [`WordHasher`].
pub type WordSet<K> = HashSet<K, BuildHasherDefault<WordHasher>>;

/// Multiply-rotate hashing over 8-byte chunks.
#[derive(Default, Clone, Copy)]
pub struct WordHasher {
    state: u64,
}

/// An odd constant with well-mixed bits (the golden ratio's fraction).
const K: u64 = 0x9E37_79B9_7F4A_7C15;

impl WordHasher {
    #[inline]
    fn add(&mut self, x: u64) {
        self.state = (self.state.rotate_left(5) ^ x).wrapping_mul(K);
    }
}

impl Hasher for WordHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap_or([0; 8])));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(buf));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        // hashbrown takes its control bits from the top: fold the low bits up.
        self.state ^ (self.state >> 29)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_and_strangers_are_not() {
        let words = ["مقتل", "جنود", "الجيش", "قتلى", "a", ""];
        let set: WordSet<&str> = words.iter().copied().collect();
        for w in words {
            assert!(set.contains(w), "{w}");
        }
        for w in ["مقتله", "جند", "الجيس", "b"] {
            assert!(!set.contains(w), "{w}");
        }
    }
}
