//! The hybrid logical clock (Kulkarni et al., 2014): [`ClientId`], the [`Hlc`] timestamp with its
//! compact text form, and [`HlcClock`], which issues timestamps that never go backwards.
//!
//! Pure: the wall clock is an argument (`now_ms`), never read here, and client ids are drawn by
//! the caller.

use std::fmt;
use std::str::FromStr;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The largest wall time an [`Hlc`] holds: 2^48 − 1 ms after the epoch, in the year 10889. It
/// keeps the text form 12 hex digits wide.
pub const MAX_WALL_MS: i64 = (1 << 48) - 1;

/// Identifies one client (a browser profile's database, or the server) among all that write to
/// an account. Drawn at random by the caller on first use and kept.
///
/// Its text form is 16 lower-case hex digits; serde uses it in human-readable formats (JSON) and
/// the plain number in binary ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClientId(pub u64);

impl fmt::Display for ClientId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

impl FromStr for ClientId {
    type Err = HlcParseError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        parse_hex(text, 16).map(ClientId)
    }
}

impl Serialize for ClientId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.collect_str(self)
        } else {
            serializer.serialize_u64(self.0)
        }
    }
}

impl<'de> Deserialize<'de> for ClientId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if deserializer.is_human_readable() {
            let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
            text.parse().map_err(D::Error::custom)
        } else {
            u64::deserialize(deserializer).map(ClientId)
        }
    }
}

/// A hybrid logical clock timestamp: wall time in ms, a counter that orders events within one
/// ms, and the client that issued it. Totally ordered by `(wall_ms, counter, client)`, so two
/// clients never issue equal timestamps.
///
/// Its text form, `wwwwwwwwwwww-cccccccc-iiiiiiiiiiiiiiii` (12, 8 and 16 lower-case hex digits),
/// sorts as text exactly as the timestamps do; serde uses it in human-readable formats (JSON) and
/// a `(wall_ms, counter, client)` tuple in binary ones (postcard).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hlc {
    wall_ms: i64,
    counter: u32,
    client: ClientId,
}

impl Hlc {
    /// The timestamp `(wall_ms, counter, client)`, with `wall_ms` clamped into
    /// `0..=`[`MAX_WALL_MS`].
    pub fn new(wall_ms: i64, counter: u32, client: ClientId) -> Self {
        Self {
            wall_ms: wall_ms.clamp(0, MAX_WALL_MS),
            counter,
            client,
        }
    }

    /// Wall time in ms since the Unix epoch (UTC), as the issuing clock knew it.
    pub fn wall_ms(self) -> i64 {
        self.wall_ms
    }

    /// Orders timestamps that share a wall time.
    pub fn counter(self) -> u32 {
        self.counter
    }

    /// The client that issued it.
    pub fn client(self) -> ClientId {
        self.client
    }
}

impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:012x}-{:08x}-{}",
            self.wall_ms, self.counter, self.client
        )
    }
}

impl FromStr for Hlc {
    type Err = HlcParseError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut parts = text.split('-');
        let (Some(wall), Some(counter), Some(client), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(HlcParseError);
        };
        let wall_ms = parse_hex(wall, 12)? as i64;
        let counter = u32::try_from(parse_hex(counter, 8)?).map_err(|_| HlcParseError)?;
        Ok(Self {
            wall_ms,
            counter,
            client: client.parse()?,
        })
    }
}

impl Serialize for Hlc {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.collect_str(self)
        } else {
            (self.wall_ms, self.counter, self.client).serialize(serializer)
        }
    }
}

impl<'de> Deserialize<'de> for Hlc {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if deserializer.is_human_readable() {
            let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
            text.parse().map_err(D::Error::custom)
        } else {
            let (wall_ms, counter, client) = <(i64, u32, ClientId)>::deserialize(deserializer)?;
            if !(0..=MAX_WALL_MS).contains(&wall_ms) {
                return Err(D::Error::custom(HlcParseError));
            }
            Ok(Self {
                wall_ms,
                counter,
                client,
            })
        }
    }
}

/// A text that is not an [`Hlc`] or [`ClientId`] in their text forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HlcParseError;

impl fmt::Display for HlcParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "malformed clock text: expected lower-case hex `wwwwwwwwwwww-cccccccc-iiiiiiiiiiiiiiii` \
             (a client id is the last 16 digits alone)",
        )
    }
}

impl std::error::Error for HlcParseError {}

/// Parses exactly `width` lower-case hex digits.
fn parse_hex(text: &str, width: usize) -> Result<u64, HlcParseError> {
    let canonical = text.len() == width
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if !canonical {
        return Err(HlcParseError);
    }
    u64::from_str_radix(text, 16).map_err(|_| HlcParseError)
}

/// One client's hybrid logical clock: issues timestamps that strictly increase whatever the wall
/// clock does, and that follow every timestamp it has observed.
///
/// Its whole state is the last timestamp it issued ([`HlcClock::last`]); keep that to resume it
/// with [`HlcClock::resume`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HlcClock {
    last: Hlc,
}

impl HlcClock {
    /// A fresh clock of `client` that has issued nothing.
    pub fn new(client: ClientId) -> Self {
        Self {
            last: Hlc::new(0, 0, client),
        }
    }

    /// The clock of `client` resumed after it issued `last` (whose client is ignored).
    pub fn resume(client: ClientId, last: Hlc) -> Self {
        Self {
            last: Hlc::new(last.wall_ms, last.counter, client),
        }
    }

    /// The last timestamp it issued, [`Hlc::new`]`(0, 0, client)` before the first.
    pub fn last(&self) -> Hlc {
        self.last
    }

    /// Its client.
    pub fn client(&self) -> ClientId {
        self.last.client
    }

    /// A timestamp for a local event at wall time `now_ms`: greater than every timestamp issued
    /// or observed before, with the wall time `now_ms` when the wall clock is ahead of them.
    pub fn tick(&mut self, now_ms: i64) -> Hlc {
        let now = now_ms.clamp(0, MAX_WALL_MS);
        let last = self.last;
        self.last = if now > last.wall_ms {
            Hlc::new(now, 0, last.client)
        } else {
            after(last.wall_ms, last.counter, last.client)
        };
        self.last
    }

    /// Takes in `remote`, a timestamp received from another client, at wall time `now_ms`, and
    /// gives the timestamp of this receipt: greater than `remote` and than everything issued
    /// before, so every later [`HlcClock::tick`] is too.
    pub fn observe(&mut self, remote: Hlc, now_ms: i64) -> Hlc {
        let now = now_ms.clamp(0, MAX_WALL_MS);
        let last = self.last;
        let wall = now.max(last.wall_ms).max(remote.wall_ms);
        self.last = match (wall == last.wall_ms, wall == remote.wall_ms) {
            (true, true) => after(wall, last.counter.max(remote.counter), last.client),
            (true, false) => after(wall, last.counter, last.client),
            (false, true) => after(wall, remote.counter, last.client),
            (false, false) => Hlc::new(wall, 0, last.client),
        };
        self.last
    }
}

/// The smallest timestamp of `client` after `(wall_ms, counter)`: the next counter value, or the
/// next ms when the counter is exhausted (at [`MAX_WALL_MS`] it stays put).
fn after(wall_ms: i64, counter: u32, client: ClientId) -> Hlc {
    match counter.checked_add(1) {
        Some(counter) => Hlc::new(wall_ms, counter, client),
        None if wall_ms < MAX_WALL_MS => Hlc::new(wall_ms + 1, 0, client),
        None => Hlc::new(wall_ms, u32::MAX, client),
    }
}
