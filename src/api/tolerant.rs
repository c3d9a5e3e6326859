//! Tolerant reading of what real CMSs send, by one rule (`docs/api-extensions.md`, "Tolerant
//! reading"): an article is unreadable only without an id, a non-blank title, or any readable
//! body block; anything else that is missing, `null`, or of another plausible shape drops just
//! its own part of the page. Every field of the models reads through one of the functions here,
//! so the app, the prerender command and the API checker read every value alike.
//!
//! Each function works out what it read and, when the value was not in the contract's shape, a
//! [`Finding`]: what was seen, what was expected, and the value read instead (its `patch`).
//! The app and the prerender command use the value and ignore the finding. The checker
//! (`scripts/check-api`, feature `ssr`) reads in *check mode*, where a finding is returned as a
//! decoding error instead; it learns the finding's path, applies its patch to the document and
//! reads again, until the document reads with no finding. The patch is exactly what the
//! tolerant reading used, so the checker sees what the reader gets.

use serde::de::{self, DeserializeOwned, Deserializer};
use serde::Deserialize;
#[cfg(feature = "ssr")]
use serde::Serialize;
use serde_json::Value;

/// One value that was not in the contract's shape, and what reading it did instead. Only the
/// checker ever builds one (check mode); the app never does.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ssr", derive(Serialize, Deserialize))]
pub struct Finding {
    /// Whether the reader loses something by it (a list entry, a date, a byline), rather than
    /// getting the same page from a value of another shape.
    pub lost: bool,
    /// What the contract expects here.
    pub expected: String,
    /// What was done: "read as …", "left out", "treated as absent".
    pub done: String,
    /// The value as the API sent it.
    pub seen: Value,
    /// The value as it was read; `None` when it was left out.
    pub patch: Option<Value>,
    /// Where below the field that reported it (the entry of a list, a field inside it).
    #[cfg_attr(feature = "ssr", serde(default))]
    pub at: Vec<PathPart>,
}

/// One step of a path into a JSON document.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ssr", derive(Serialize, Deserialize), serde(untagged))]
pub enum PathPart {
    Index(usize),
    Key(String),
}

impl Finding {
    fn new(lost: bool, expected: &str, done: &str, seen: &Value, patch: Option<Value>) -> Self {
        Self {
            lost,
            expected: expected.to_owned(),
            done: done.to_owned(),
            seen: seen.clone(),
            patch,
            at: Vec::new(),
        }
    }
}

/// What reading one value gave: the value and, in check mode, what was out of shape about it;
/// or why the object holding it cannot be read.
pub(crate) type Read<T> = Result<(T, Option<Finding>), String>;

/// A finding, built only in check mode (in the app this is always `None`, and the code that
/// builds one is left out of the wasm).
pub(crate) fn found(lost: bool, expected: &str, done: &str, seen: &Value) -> Option<Finding> {
    check::active().then(|| Finding::new(lost, expected, done, seen, None))
}

/// The same, with the value as it was read.
fn read_as(expected: &str, done: &str, seen: &Value, read: Value) -> Option<Finding> {
    check::active().then(|| Finding::new(false, expected, done, seen, Some(read)))
}

/// Field `key` of an object read by hand (a body block): `read` of its value, any finding
/// placed under `key`.
pub(crate) fn field<T>(
    value: &Value,
    key: &str,
    read: impl FnOnce(&Value) -> Read<T>,
) -> Result<T, String> {
    match read(value) {
        Ok((read, None)) => Ok(read),
        Ok((_, Some(mut finding))) => {
            finding.at.insert(0, PathPart::Key(key.to_owned()));
            Err(check::encode(&finding))
        }
        Err(message) => Err(format!("{key}: {message}")),
    }
}

/// Field `key` of an object read by hand, itself an object (a body block's image).
pub(crate) fn field_part<T: DeserializeOwned>(value: Value, key: &str) -> Result<T, String> {
    match check::part::<T>(value) {
        Ok(part) => Ok(part),
        Err(check::Failure::Finding(mut finding)) => {
            finding.at.insert(0, PathPart::Key(key.to_owned()));
            Err(check::encode(&finding))
        }
        Err(check::Failure::Unreadable(reason)) => Err(format!("{key}: {reason}")),
    }
}

/// Reads the value `deserializer` holds with `read`. Only this is made for each deserializer
/// and model: the reading itself is one plain function per kind of field.
fn with<'de, D: Deserializer<'de>, T>(
    deserializer: D,
    read: fn(&Value) -> Read<T>,
) -> Result<T, D::Error> {
    let value = Value::deserialize(deserializer)?;
    match read(&value) {
        Ok((read, None)) => Ok(read),
        Ok((_, Some(finding))) => Err(de::Error::custom(check::encode(&finding))),
        Err(message) => Err(de::Error::custom(message)),
    }
}

/// Text the contract sends as a string: a string as it is, a whole number as its digits.
/// (Not a fraction: writing one out would bring a float printer into the wasm, and no CMS
/// sends an id or a title as `8.5`.)
/// A number comes with its finding (read as text), for every kind of text field alike.
fn as_text(value: &Value) -> Option<(String, Option<Finding>)> {
    let digits = match value {
        Value::String(text) => return Some((text.clone(), None)),
        Value::Number(number) => match (number.as_u64(), number.as_i64()) {
            (Some(whole), _) => whole.to_string(),
            (None, Some(whole)) => whole.to_string(),
            _ => return None,
        },
        _ => return None,
    };
    let finding = read_as(
        "a string",
        "read as text",
        value,
        Value::from(digits.as_str()),
    );
    Some((digits, finding))
}

/// Required text (titles, names, slugs, ids): a non-blank string, or a number read as its
/// digits. Anything else fails the object it is in (a list drops that entry).
pub fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    with(deserializer, read_text)
}

pub(crate) fn read_text(value: &Value) -> Read<String> {
    match as_text(value) {
        Some((text, _)) if text.trim().is_empty() => {
            Err("expected non-blank text, got a blank string".to_owned())
        }
        Some(read) => Ok(read),
        None => Err(format!("expected non-blank text, got {}", kind(value))),
    }
}

/// Optional text: a string, a number read as its digits; absent, `null`, a blank string (read
/// as absent) or any other shape (left out) give `None`.
pub fn opt_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    with(deserializer, read_opt_text)
}

pub(crate) fn read_opt_text(value: &Value) -> Read<Option<String>> {
    Ok(match as_text(value) {
        _ if value.is_null() => (None, None),
        Some((text, _)) if text.trim().is_empty() => (
            None,
            found(false, "text or null", "treated as absent", value),
        ),
        Some((text, finding)) => (Some(text), finding),
        None => (None, found(true, "text or null", "left out", value)),
    })
}

/// A list of texts (subtitles, tags, list items): blank entries are dropped, numbers read as
/// their digits, other entries left out; `null` or absent is an empty list.
pub fn text_list<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    with(deserializer, read_text_list)
}

pub(crate) fn read_text_list(value: &Value) -> Read<Vec<String>> {
    let items = match value {
        Value::Null => return Ok((Vec::new(), None)),
        Value::Array(items) => items,
        other => {
            let finding = found(true, "a list of texts", "left out", other);
            return Ok((Vec::new(), finding));
        }
    };
    let mut texts = Vec::with_capacity(items.len());
    let mut first = None;
    for (index, item) in items.iter().enumerate() {
        let (read, finding) = read_opt_text(item)?;
        // A null entry is no text: left out, as a blank one is.
        let finding = match finding {
            None if item.is_null() => found(false, "text", "left out", item),
            finding => finding,
        };
        if let (None, Some(mut finding)) = (&first, finding) {
            finding.at = vec![PathPart::Index(index)];
            first = Some(finding);
        }
        texts.extend(read);
    }
    Ok((texts, first))
}

/// A required count (page numbers, widths): a whole number, or a string of digits.
pub fn count<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u32, D::Error> {
    with(deserializer, read_count)
}

fn read_count(value: &Value) -> Read<u32> {
    match value {
        Value::Number(number) => match number.as_u64().and_then(|n| u32::try_from(n).ok()) {
            Some(count) => Ok((count, None)),
            None => Err("expected a whole number, got a fraction or a negative number".to_owned()),
        },
        Value::String(text) => match text.trim().parse::<u32>() {
            Ok(count) => {
                let finding = read_as("a number", "read as a number", value, Value::from(count));
                Ok((count, finding))
            }
            Err(_) => Err(format!("expected a whole number, got {}", kind(value))),
        },
        other => Err(format!("expected a whole number, got {}", kind(other))),
    }
}

/// An optional count (image sizes, durations): as [`count`]; absent, `null`, a blank string
/// or anything unreadable give `None`.
pub fn opt_count<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u32>, D::Error> {
    with(deserializer, read_opt_count)
}

fn read_opt_count(value: &Value) -> Read<Option<u32>> {
    if value.is_null() {
        return Ok((None, None));
    }
    Ok(match read_count(value) {
        Ok((count, finding)) => (Some(count), finding),
        Err(_) => {
            let blank = value.as_str().is_some_and(|text| text.trim().is_empty());
            let done = if blank {
                "treated as absent"
            } else {
                "left out"
            };
            (None, found(!blank, "a whole number or null", done, value))
        }
    })
}

/// A temperature: a number, or a string of one (`"16.5"`, `"16.5℃"`).
pub fn temperature<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
    with(deserializer, read_temperature)
}

fn read_temperature(value: &Value) -> Read<f64> {
    if let Some(number) = value.as_f64() {
        return Ok((number, None));
    }
    let parsed = value.as_str().and_then(|text| {
        let digits = text.trim().trim_end_matches(['℃', 'C', '°']).trim();
        // serde_json's own number parser, as for any response (`str::parse::<f64>` would add
        // the standard library's float parser to the wasm).
        serde_json::from_str::<Value>(digits)
            .ok()
            .and_then(|number| number.as_f64())
            .filter(|number| number.is_finite())
    });
    match parsed {
        Some(number) => {
            let finding = read_as("a number", "read as a number", value, Value::from(number));
            Ok((number, finding))
        }
        None => Err(format!(
            "expected a temperature (a number), got {}",
            kind(value)
        )),
    }
}

/// A time: RFC 3339 with an offset as the contract says; a time without an offset
/// (`2025-10-27 10:00:00`, `2025-10-27T10:00`, `2025.10.27 10:00`, or a bare date) is read as
/// KST, which is what Korean CMSs mean. Anything else is left out (the time is not shown).
pub fn opt_time<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    with(deserializer, read_opt_time)
}

fn read_opt_time(value: &Value) -> Read<Option<String>> {
    let Some(text) = value.as_str() else {
        let finding = match value.is_null() {
            true => None,
            false => found(true, TIME, "left out", value),
        };
        return Ok((None, finding));
    };
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Ok((None, found(false, TIME, "treated as absent", value)));
    }
    if crate::kst::parse_kst(trimmed).is_some() {
        return Ok((Some(trimmed.to_owned()), None));
    }
    Ok(match crate::kst::kst_without_offset(trimmed) {
        Some(read) => {
            let finding = read_as(
                TIME,
                "read as KST (+09:00)",
                value,
                Value::from(read.as_str()),
            );
            (Some(read), finding)
        }
        None => (None, found(true, TIME, "left out", value)),
    })
}

const TIME: &str = "an RFC 3339 time with offset (2025-10-27T10:00:00+09:00)";

/// An optional object (a byline, a section, a thumbnail): `None` when absent, `null`, or
/// unreadable (that part of the page is left out).
pub fn opt_part<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    let value = Value::deserialize(deserializer)?;
    if value.is_null() {
        return Ok(None);
    }
    let seen = check::active().then(|| value.clone());
    match check::part::<T>(value) {
        Ok(part) => Ok(Some(part)),
        // Outside check mode (the app) a part that does not read is simply left out.
        Err(failure) => match check::active().then(|| part_failure(seen, failure)) {
            Some(Some(message)) => Err(de::Error::custom(message)),
            _ => Ok(None),
        },
    }
}

/// What an optional object that did not read gives: in check mode the error that reports it,
/// else nothing (it is left out). Kept apart from [`opt_part`] so the wasm holds it once.
fn part_failure(seen: Option<Value>, failure: check::Failure) -> Option<String> {
    match failure {
        check::Failure::Finding(finding) => Some(check::encode(&finding)),
        check::Failure::Unreadable(reason) => seen.map(|seen| {
            let done = format!("left out ({reason})");
            check::encode(&Finding::new(true, "an object", &done, &seen, None))
        }),
    }
}

/// A list whose entries are read one by one: an entry that cannot be read is dropped on its
/// own, so one bad entry costs the reader that entry, not the page. `null` reads as empty.
pub fn list<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    let items = list_entries(Value::deserialize(deserializer)?).map_err(de::Error::custom)?;
    let mut read = Vec::with_capacity(items.len());
    for (index, item) in items.into_iter().enumerate() {
        let seen = check::active().then(|| item.clone());
        match check::part::<T>(item) {
            Ok(entry) => read.push(entry),
            // Outside check mode (the app) an entry that does not read is simply dropped.
            Err(failure) if check::active() => {
                if let Some(message) = entry_failure(index, seen, failure) {
                    return Err(de::Error::custom(message));
                }
            }
            Err(_) => {}
        }
    }
    Ok(read)
}

/// The list a document is for (a widget's items, a page's articles): as [`list`], but a
/// document without it, or with something else in its place, has nothing to show and is not
/// read at all, so the reader gets the Korean error and a retry rather than an empty box.
pub fn items<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    let value = Value::deserialize(deserializer)?;
    if !value.is_array() {
        return Err(de::Error::custom(format!(
            "expected a list, got {}",
            kind(&value)
        )));
    }
    list(value).map_err(de::Error::custom)
}

/// The entries of a list: none for `null`; for anything else that is not a list, none as well
/// (in check mode, the error that reports it).
fn list_entries(value: Value) -> Result<Vec<Value>, String> {
    match value {
        Value::Null => Ok(Vec::new()),
        Value::Array(items) => Ok(items),
        other => match found(true, "a list", "left out", &other) {
            Some(finding) => Err(check::encode(&finding)),
            None => Ok(Vec::new()),
        },
    }
}

/// What an entry that did not read gives: in check mode the error that reports it (with its
/// index), else nothing (it is dropped).
fn entry_failure(index: usize, seen: Option<Value>, failure: check::Failure) -> Option<String> {
    let mut finding = match failure {
        check::Failure::Finding(finding) => *finding,
        check::Failure::Unreadable(reason) => {
            let seen = seen?;
            // An entry with nothing in it (an empty paragraph) costs the reader nothing.
            let (lost, done) = match is_blank(&seen) {
                true => (false, "empty entry, not drawn".to_owned()),
                false => (true, format!("entry left out ({reason})")),
            };
            Finding::new(lost, "a readable entry", &done, &seen, None)
        }
    };
    finding.at.insert(0, PathPart::Index(index));
    Some(check::encode(&finding))
}

/// Whether `value` holds nothing a reader could see: null, blank text, or a list or object of
/// such (an object's `type` aside).
fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(text) => text.trim().is_empty(),
        Value::Array(items) => items.iter().all(is_blank),
        Value::Object(map) => map
            .iter()
            .all(|(key, value)| key == "type" || is_blank(value)),
        Value::Bool(_) | Value::Number(_) => false,
    }
}

/// What a JSON value is, for messages: "a number", "an object", …
pub fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(text) if text.trim().is_empty() => "a blank string",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Check mode: only the native checker turns it on; in the app `active` is always false and
/// the code below it is never built.
pub mod check {
    use super::{Finding, PathPart};
    use serde::de::DeserializeOwned;
    use serde_json::Value;

    /// Why one part of a document did not read.
    pub enum Failure {
        /// A finding inside it, in check mode (its path runs from the part).
        Finding(Box<Finding>),
        /// It cannot be read at all; the reason, for the checker's report.
        Unreadable(String),
    }

    /// Reads one part of a document (an entry of a list, an optional object).
    pub fn part<T: DeserializeOwned>(value: Value) -> Result<T, Failure> {
        #[cfg(feature = "ssr")]
        if active() {
            return match serde_path_to_error::deserialize::<_, T>(&value) {
                Ok(part) => Ok(part),
                Err(error) => {
                    let path = path_parts(error.path());
                    let message = error.into_inner().to_string();
                    match decode(&message) {
                        Some(mut finding) => {
                            finding.at.splice(0..0, path);
                            Err(Failure::Finding(Box::new(finding)))
                        }
                        None => Err(Failure::Unreadable(describe(&path, &message))),
                    }
                }
            };
        }
        // Outside check mode nobody reads the reason.
        serde_json::from_value(value).map_err(|_| Failure::Unreadable(String::new()))
    }

    #[cfg(feature = "ssr")]
    std::thread_local! {
        static ACTIVE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }

    /// Whether reading is in check mode on this thread.
    pub fn active() -> bool {
        #[cfg(feature = "ssr")]
        return ACTIVE.with(std::cell::Cell::get);
        #[cfg(not(feature = "ssr"))]
        false
    }

    /// Runs `read` in check mode.
    #[cfg(feature = "ssr")]
    pub fn checking<R>(read: impl FnOnce() -> R) -> R {
        ACTIVE.with(|active| active.set(true));
        let result = read();
        ACTIVE.with(|active| active.set(false));
        result
    }

    #[cfg(feature = "ssr")]
    const MARK: char = '\u{1}';

    /// A finding as the text of a decoding error (never called in the app: no finding is
    /// ever built outside check mode).
    #[cfg(not(feature = "ssr"))]
    pub fn encode(_: &Finding) -> String {
        String::new()
    }

    /// A finding as the text of a decoding error.
    #[cfg(feature = "ssr")]
    pub fn encode(finding: &Finding) -> String {
        let json = serde_json::to_string(finding).unwrap_or_default();
        format!("{MARK}{json}{MARK}")
    }

    /// The finding in a decoding error's text, if it holds one.
    #[cfg(feature = "ssr")]
    pub fn decode(message: &str) -> Option<Finding> {
        let start = message.find(MARK)? + MARK.len_utf8();
        let end = start + message[start..].find(MARK)?;
        serde_json::from_str(&message[start..end]).ok()
    }

    /// A document read in check mode: every finding with its path, in the order met, and the
    /// model (or why the document cannot be read at all) after applying their patches.
    #[cfg(feature = "ssr")]
    pub struct Checked<T> {
        pub model: Result<T, String>,
        pub findings: Vec<(Vec<PathPart>, Finding)>,
        /// The document with every patch applied: what the reader gets.
        pub document: Value,
    }

    /// Reads `document` as a `T` in check mode, patching each finding and reading again until
    /// it reads with none, or fails on something that cannot be read.
    #[cfg(feature = "ssr")]
    pub fn document<T: DeserializeOwned>(mut document: Value) -> Checked<T> {
        /// More findings than any real document has; past it the document is called unreadable.
        const MOST: usize = 2_000;
        let mut findings = Vec::new();
        // Entries of lists taken out so far, by the list's path and their index, both as in
        // the document the API sent: the report's paths are that document's.
        let mut removed: Vec<(Vec<PathPart>, usize)> = Vec::new();
        while findings.len() < MOST {
            let error = match checking(|| serde_path_to_error::deserialize::<_, T>(&document)) {
                Ok(model) => {
                    return Checked {
                        model: Ok(model),
                        findings,
                        document,
                    }
                }
                Err(error) => error,
            };
            let mut path = path_parts(error.path());
            let message = error.into_inner().to_string();
            let Some(finding) = decode(&message) else {
                let model = Err(describe(&path, &message));
                return Checked {
                    model,
                    findings,
                    document,
                };
            };
            path.extend(finding.at.iter().cloned());
            let Some(path) = apply(&mut document, path, &finding) else {
                let model = Err(format!("{}: could not be read", path_text(&finding.at)));
                return Checked {
                    model,
                    findings,
                    document,
                };
            };
            let original = original_path(&path, &removed);
            if let (None, Some((PathPart::Index(index), list))) =
                (&finding.patch, original.split_last())
            {
                removed.push((list.to_vec(), *index));
            }
            findings.push((original, finding));
        }
        let model = Err(format!("more than {MOST} values out of shape"));
        Checked {
            model,
            findings,
            document,
        }
    }

    /// Puts the finding's patch at `path` (or removes the value there), and returns where it
    /// went. Serde cannot follow a path into an internally tagged enum (a body block), so the
    /// path may lack the steps inside one: then the patch goes to the value seen below the
    /// deepest point the path reaches, the one whose path ends like the rest of `path`.
    #[cfg(feature = "ssr")]
    fn apply(
        document: &mut Value,
        path: Vec<PathPart>,
        finding: &Finding,
    ) -> Option<Vec<PathPart>> {
        let mut reached = 0;
        let mut node = &*document;
        for part in &path {
            match step(node, part) {
                Some(next) => {
                    node = next;
                    reached += 1;
                }
                None => break,
            }
        }
        let path = if reached == path.len() && *node == finding.seen {
            path
        } else {
            let rest = &path[reached..];
            let mut found = Vec::new();
            find(node, &finding.seen, &mut Vec::new(), &mut found);
            let below = found
                .iter()
                .find(|below| below.ends_with(rest))
                .or(found.first())?
                .clone();
            path[..reached].iter().cloned().chain(below).collect()
        };
        let (last, parent) = path.split_last()?;
        let mut parent_node = &mut *document;
        for part in parent {
            parent_node = match (parent_node, part) {
                (Value::Array(items), PathPart::Index(index)) => items.get_mut(*index)?,
                (Value::Object(map), PathPart::Key(key)) => map.get_mut(key)?,
                _ => return None,
            };
        }
        match (parent_node, last, &finding.patch) {
            (Value::Array(items), PathPart::Index(index), Some(patch)) => {
                *items.get_mut(*index)? = patch.clone();
            }
            (Value::Array(items), PathPart::Index(index), None) if *index < items.len() => {
                items.remove(*index);
            }
            (Value::Object(map), PathPart::Key(key), Some(patch)) => {
                map.insert(key.clone(), patch.clone());
            }
            (Value::Object(map), PathPart::Key(key), None) => {
                map.remove(key)?;
            }
            _ => return None,
        }
        Some(path)
    }

    /// `path` in the document as first sent, given the entries taken out since.
    #[cfg(feature = "ssr")]
    fn original_path(path: &[PathPart], removed: &[(Vec<PathPart>, usize)]) -> Vec<PathPart> {
        let mut original = Vec::with_capacity(path.len());
        for part in path {
            let part = match part {
                PathPart::Index(now) => {
                    let gone: Vec<usize> = removed
                        .iter()
                        .filter(|(list, _)| *list == original)
                        .map(|(_, index)| *index)
                        .collect();
                    // The `now`-th index that was not taken out.
                    let index = (0..)
                        .filter(|index| !gone.contains(index))
                        .nth(*now)
                        .unwrap_or(*now);
                    PathPart::Index(index)
                }
                key => key.clone(),
            };
            original.push(part);
        }
        original
    }

    #[cfg(feature = "ssr")]
    fn step<'a>(node: &'a Value, part: &PathPart) -> Option<&'a Value> {
        match (node, part) {
            (Value::Array(items), PathPart::Index(index)) => items.get(*index),
            (Value::Object(map), PathPart::Key(key)) => map.get(key),
            _ => None,
        }
    }

    /// The paths from `node` to every value below it equal to `wanted`, in document order.
    #[cfg(feature = "ssr")]
    fn find(node: &Value, wanted: &Value, at: &mut Vec<PathPart>, found: &mut Vec<Vec<PathPart>>) {
        let mut visit = |part: PathPart, child: &Value| {
            at.push(part);
            if child == wanted {
                found.push(at.clone());
            }
            find(child, wanted, at, found);
            at.pop();
        };
        match node {
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    visit(PathPart::Index(index), item);
                }
            }
            Value::Object(map) => {
                for (key, item) in map {
                    visit(PathPart::Key(key.clone()), item);
                }
            }
            _ => {}
        }
    }

    /// A serde path as parts.
    #[cfg(feature = "ssr")]
    pub fn path_parts(path: &serde_path_to_error::Path) -> Vec<PathPart> {
        use serde_path_to_error::Segment;
        path.iter()
            .filter_map(|segment| match segment {
                Segment::Seq { index } => Some(PathPart::Index(*index)),
                Segment::Map { key } => Some(PathPart::Key(key.clone())),
                Segment::Enum { .. } | Segment::Unknown => None,
            })
            .collect()
    }

    /// `body[3].text: expected non-blank text`: a path and what went wrong there.
    pub fn describe(path: &[PathPart], message: &str) -> String {
        // serde_json adds where in its input the error was; the path says it better.
        let message = message.split(" at line ").next().unwrap_or(message);
        match path_text(path) {
            where_ if where_.is_empty() => message.to_owned(),
            where_ => format!("{where_}: {message}"),
        }
    }

    /// `sections[2].articles[0].id`
    pub fn path_text(path: &[PathPart]) -> String {
        let mut text = String::new();
        for part in path {
            match part {
                PathPart::Index(index) => text.push_str(&format!("[{index}]")),
                PathPart::Key(key) if text.is_empty() => text.push_str(key),
                PathPart::Key(key) => text.push_str(&format!(".{key}")),
            }
        }
        text
    }
}
