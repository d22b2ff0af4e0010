//! The compact text form of a [`Filter`] for the URL, and its strict parser.
//!
//! ```text
//! text      = "" | "1" *( "~" item )              ; "1" is the format version
//! item      = "c:" ids | "g:" ids | condition      ; ticked categories, ticked groups
//! ids       = id *( "," id )                       ; decimal numbers
//! condition = field ":" match [ ":" value *( "," value ) ]
//! field     = catalogue key | "*" custom field key
//! match     = eq | ne | gt | lt | ge | le | contains | empty | notempty
//! ```
//! Keys and values escape `~ : , !` as `!~ !: !, !!`; nothing else is escaped, so the text stays
//! readable: `1~g:3,7~billing.city:eq:Москва,Санкт-Петербург~paid_total:gt:1000`. The empty
//! filter is the empty string. Percent-encoding for the URL is the app's business, not this
//! module's; it also never checks values against field types (compilation does).

use crate::fields::{FieldId, FieldRef, MatchType};
use crate::model::{CategoryId, GroupId};

use super::ast::{Condition, Filter};
use super::error::{FilterParseError, FilterParseErrorKind as Kind};

/// The format version this build writes and reads.
const VERSION: &str = "1";
/// Separates the version and the items.
const ITEM: char = '~';
/// Separates the parts of an item.
const PART: char = ':';
/// Separates the values (or ids) of a part.
const VALUE: char = ',';
/// Escapes the next separator or itself.
const ESCAPE: char = '!';
/// Marks a custom field key.
const CUSTOM: char = '*';

impl Filter {
    /// The filter's compact URL text; the empty filter gives the empty string.
    pub fn to_url_text(&self) -> String {
        if self.is_empty() {
            return String::new();
        }
        let mut out = String::from(VERSION);
        push_ids(&mut out, 'c', self.groups.categories.iter().map(|c| c.0));
        push_ids(&mut out, 'g', self.groups.groups.iter().map(|g| g.0));
        for condition in &self.conditions {
            out.push(ITEM);
            match &condition.field {
                FieldRef::Builtin(id) => out.push_str(id.def().key),
                FieldRef::Custom(key) => {
                    out.push(CUSTOM);
                    push_escaped(&mut out, key);
                }
            }
            out.push(PART);
            out.push_str(condition.match_type.code());
            for (i, value) in condition.values.iter().enumerate() {
                out.push(if i == 0 { PART } else { VALUE });
                push_escaped(&mut out, value);
            }
        }
        out
    }

    /// Reads a filter from its URL text; never panics, and says where a malformed text breaks.
    pub fn from_url_text(text: &str) -> Result<Self, FilterParseError> {
        if text.is_empty() {
            return Ok(Self::default());
        }
        let (version, rest) = match text.split_once(ITEM) {
            Some((version, rest)) => (version, Some(rest)),
            None => (text, None),
        };
        if version != VERSION {
            return Err(error(1, Kind::UnsupportedVersion(version.to_owned())));
        }
        let mut filter = Self::default();
        let Some(rest) = rest else {
            return Ok(filter);
        };
        let (mut seen_categories, mut seen_groups) = (false, false);
        for item in split(rest, version.chars().count() + 2)? {
            let head = single(&item.head)?;
            if item.parts.is_empty() && head.text.is_empty() {
                return Err(error(head.pos, Kind::EmptyItem));
            }
            match head.text.as_str() {
                "c" => {
                    flag_section(&mut seen_categories, 'c', head.pos)?;
                    filter.groups.categories = ids(&item)?.into_iter().map(CategoryId).collect();
                }
                "g" => {
                    flag_section(&mut seen_groups, 'g', head.pos)?;
                    filter.groups.groups = ids(&item)?.into_iter().map(GroupId).collect();
                }
                _ => filter.conditions.push(condition(&item, head)?),
            }
        }
        Ok(filter)
    }
}

/// One unescaped word with the character positions (from 1) where it starts and ends.
struct Token {
    text: String,
    pos: usize,
    end: usize,
}

/// A part of an item: its tokens (split at `,`), of which there is always at least one.
struct Part {
    first: Token,
    more: Vec<Token>,
}

impl Part {
    fn tokens(&self) -> impl Iterator<Item = &Token> {
        std::iter::once(&self.first).chain(&self.more)
    }
}

/// An item: its head part (field key or `c`/`g`) and the parts after it (split at `:`).
struct Item {
    head: Part,
    parts: Vec<Part>,
}

/// Builds parts and items while [`split`] scans.
#[derive(Default)]
struct Builder {
    items: Vec<Item>,
    head: Option<Part>,
    parts: Vec<Part>,
    first: Option<Token>,
    more: Vec<Token>,
}

impl Builder {
    fn close_token(&mut self, token: Token) {
        match self.first {
            None => self.first = Some(token),
            Some(_) => self.more.push(token),
        }
    }

    fn close_part(&mut self, token: Token) {
        let part = match self.first.take() {
            Some(first) => {
                self.more.push(token);
                Part {
                    first,
                    more: std::mem::take(&mut self.more),
                }
            }
            None => Part {
                first: token,
                more: Vec::new(),
            },
        };
        match self.head {
            None => self.head = Some(part),
            Some(_) => self.parts.push(part),
        }
    }

    fn close_item(&mut self, token: Token) {
        self.close_part(token);
        if let Some(head) = self.head.take() {
            self.items.push(Item {
                head,
                parts: std::mem::take(&mut self.parts),
            });
        }
    }
}

fn error(position: usize, kind: Kind) -> FilterParseError {
    FilterParseError { position, kind }
}

fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        if matches!(c, ITEM | PART | VALUE | ESCAPE) {
            out.push(ESCAPE);
        }
        out.push(c);
    }
}

fn push_ids(out: &mut String, tag: char, ids: impl ExactSizeIterator<Item = u64>) {
    if ids.len() == 0 {
        return;
    }
    out.push(ITEM);
    out.push(tag);
    out.push(PART);
    for (i, id) in ids.enumerate() {
        if i > 0 {
            out.push(VALUE);
        }
        out.push_str(&id.to_string());
    }
}

/// Splits `text`, whose first character is at position `start`, into items, parts and tokens,
/// resolving escapes.
fn split(text: &str, start: usize) -> Result<Vec<Item>, FilterParseError> {
    let mut builder = Builder::default();
    let mut current = Token {
        text: String::new(),
        pos: start,
        end: start,
    };
    let mut chars = text.chars().zip(start..);
    while let Some((c, pos)) = chars.next() {
        match c {
            ESCAPE => match chars.next() {
                Some((e @ (ITEM | PART | VALUE | ESCAPE), at)) => {
                    current.text.push(e);
                    current.end = at + 1;
                }
                Some((e, at)) => return Err(error(at, Kind::BadEscape(e))),
                None => return Err(error(pos, Kind::DanglingEscape)),
            },
            ITEM | PART | VALUE => {
                let next = Token {
                    text: String::new(),
                    pos: pos + 1,
                    end: pos + 1,
                };
                let token = std::mem::replace(&mut current, next);
                match c {
                    VALUE => builder.close_token(token),
                    PART => builder.close_part(token),
                    _ => builder.close_item(token),
                }
            }
            c => {
                current.text.push(c);
                current.end = pos + 1;
            }
        }
    }
    builder.close_item(current);
    Ok(builder.items)
}

/// The only token of a part that takes one word.
fn single(part: &Part) -> Result<&Token, FilterParseError> {
    match part.more.first() {
        None => Ok(&part.first),
        Some(_) => Err(error(part.first.end, Kind::UnexpectedComma)),
    }
}

fn flag_section(seen: &mut bool, tag: char, pos: usize) -> Result<(), FilterParseError> {
    if std::mem::replace(seen, true) {
        return Err(error(pos, Kind::DuplicateSection(tag)));
    }
    Ok(())
}

/// Fails when `item` has more than `allowed` parts after its head.
fn too_many_parts(item: &Item, allowed: usize) -> Result<(), FilterParseError> {
    match item.parts.get(allowed) {
        Some(extra) => Err(error(extra.first.pos - 1, Kind::TooManyParts)),
        None => Ok(()),
    }
}

fn ids(item: &Item) -> Result<Vec<u64>, FilterParseError> {
    too_many_parts(item, 1)?;
    let Some(part) = item.parts.first() else {
        return Err(error(item.head.first.end, Kind::BadId(String::new())));
    };
    part.tokens()
        .map(|t| {
            let digits = !t.text.is_empty() && t.text.bytes().all(|b| b.is_ascii_digit());
            match digits.then(|| t.text.parse::<u64>()) {
                Some(Ok(id)) => Ok(id),
                _ => Err(error(t.pos, Kind::BadId(t.text.clone()))),
            }
        })
        .collect()
}

fn condition(item: &Item, head: &Token) -> Result<Condition, FilterParseError> {
    let field = match head.text.strip_prefix(CUSTOM) {
        Some(key) => FieldRef::Custom(key.to_owned()),
        None => match FieldId::from_key(&head.text) {
            Some(id) => FieldRef::Builtin(id),
            None => return Err(error(head.pos, Kind::UnknownField(head.text.clone()))),
        },
    };
    too_many_parts(item, 2)?;
    let Some(code) = item.parts.first() else {
        return Err(error(head.end, Kind::MissingMatchType));
    };
    let code = single(code)?;
    let match_type = MatchType::from_code(&code.text)
        .ok_or_else(|| error(code.pos, Kind::UnknownMatchType(code.text.clone())))?;
    let values = item
        .parts
        .get(1)
        .map(|part| part.tokens().map(|t| t.text.clone()).collect())
        .unwrap_or_default();
    Ok(Condition {
        field,
        match_type,
        values,
    })
}
