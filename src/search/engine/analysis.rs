//! Dutch text analysis, shared by the index writer, the CLI and the browser.
//!
//! A word goes through: split on anything that is not a letter or digit →
//! lower case → diacritics folded (`coöperatie` → `cooperatie`) → stem.
//!
//! The stemmer is Snowball's original Dutch algorithm (`dutch_porter` in
//! frostem), which never strips the `ge-` prefix, with four repairs measured
//! on council and Kamer texts (see `tests/search_analysis.rs`):
//!
//! - plurals in `-s` after a vowel sound (`moties`, `subsidies`,
//!   `gemeentes`) lose the `s` before stemming;
//! - participles `ge…eerd` become the infinitive `…eren`
//!   (`geëvalueerd` → `evalueren`);
//! - a doubled final consonant is undoubled (`bestemmingsplann` →
//!   `bestemmingsplan`, `raadsvoorstell` → `raadsvoorstel`);
//! - a final `v`/`z` becomes `f`/`s` (`bedrijven` → `bedrijf`).
//!
//! The newer Snowball Dutch (Kraaij-Pohlmann) conflates more plurals but
//! strips `ge-` everywhere (`gemeente` → `meen`, colliding with `gemeen`;
//! `gezin` → `zin`), which is worse for this vocabulary.
//!
//! Compound splitting ([`Compounds`]) runs only while indexing: the parts of
//! `verkeersveiligheid` are indexed next to the whole word, so the query
//! `veiligheid` finds it without the browser knowing the dictionary.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Lower-cases `c` and removes its diacritics; `None` keeps it as it is.
fn fold_char(c: char, out: &mut String) {
    let s: &str = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => "a",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ī' => "i",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' => "u",
        'ý' | 'ÿ' => "y",
        'ç' | 'č' | 'ć' => "c",
        'ñ' | 'ń' => "n",
        'š' | 'ś' => "s",
        'ž' | 'ź' | 'ż' => "z",
        'ł' => "l",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ĳ' => "ij",
        _ => {
            out.push(c);
            return;
        }
    };
    out.push_str(s);
}

/// Folds a lower-case word: `coöperatie` → `cooperatie`.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// True when `word` has a character that [`fold`] changes.
pub fn has_diacritics(word: &str) -> bool {
    fold(word) != word
}

/// The words of `text`, lower-cased but not folded, with their byte
/// offsets. A word is a run of letters and digits; everything else
/// separates (`Noord-Holland` is two words, `auto's` is `auto` and `s`).
pub fn words(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            out.push((s, i, text[s..i].to_lowercase()));
        }
    }
    if let Some(s) = start {
        out.push((s, text.len(), text[s..].to_lowercase()));
    }
    out
}

/// Words too common to mean anything in a query; they are not indexed.
pub const STOPWORDS: &[&str] = &[
    "aan", "af", "al", "als", "bij", "dan", "dat", "de", "den", "der", "des", "deze", "die", "dit",
    "door", "een", "en", "er", "het", "hij", "hun", "ik", "in", "is", "je", "met", "na", "naar",
    "niet", "nog", "of", "om", "ook", "op", "over", "te", "ten", "ter", "tot", "uit", "van",
    "voor", "was", "wat", "we", "wel", "wie", "wij", "zal", "ze", "zich", "zij", "zijn", "zo",
];

/// True when `w` (lower case) is a stopword.
pub fn is_stopword(w: &str) -> bool {
    STOPWORDS.binary_search(&w).is_ok()
}

/// Longest word indexed; longer runs (hashes, garbage) are skipped.
pub const MAX_WORD: usize = 40;

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// The stem of a folded, lower-case word.
pub fn stem(folded: &str) -> String {
    if folded.len() <= 3 || !folded.bytes().all(|b| b.is_ascii_lowercase()) {
        return folded.to_string();
    }
    let mut w: String = folded.to_string();
    // Participles of -eren verbs: geëvalueerd → evalueren.
    if w.len() > 8 && w.starts_with("ge") && w.ends_with("eerd") {
        w = format!("{}eren", &w[2..w.len() - 4]);
    }
    // Plurals in -s after a vowel: moties, subsidies, gemeentes, auto's.
    let b = w.as_bytes();
    let n = b.len();
    if n > 4 && b[n - 1] == b's' {
        let strip = (b[n - 2] == b'e' && b[n - 3] == b'i')
            || (n >= 8
                && b[n - 2] == b'e'
                && !is_vowel(b[n - 3])
                && b[n - 3] != b'n'
                && b[n - 3] != b's')
            || (b[n - 2] == b'o' || b[n - 2] == b'a') && !is_vowel(b[n - 3]) && n > 5;
        if strip {
            w.pop();
        }
    }
    if let Some(&(_, base)) = IRREGULAR.iter().find(|(w2, _)| *w2 == w) {
        return base.to_string();
    }
    // Plurals in -ens of nouns in -en: wapens → wapen (→ wap, as wapen).
    if w.len() >= 6 && w.ends_with("ens") {
        w.pop();
    }
    let stemmer = frostem::Stemmer::new(frostem::Algorithm::DutchPorter);
    let mut s = stemmer.stem(&w).into_owned();
    let b = s.as_bytes();
    let n = b.len();
    if n > 3 && b[n - 1] == b[n - 2] && !is_vowel(b[n - 1]) {
        s.pop();
    }
    if s.len() > 3 {
        if s.ends_with('v') {
            s.pop();
            s.push('f');
        } else if s.ends_with('z') {
            s.pop();
            s.push('s');
        }
    }
    s
}

/// Plurals in -eren and other forms no rule conflates.
const IRREGULAR: &[(&str, &str)] = &[
    ("kinderen", "kind"),
    ("liederen", "lied"),
    ("eieren", "ei"),
    ("bladeren", "blad"),
    ("volkeren", "volk"),
    ("goederen", "goed"),
    ("steden", "stad"),
    ("schepen", "schip"),
    ("wegen", "weg"),
    // The verb, not `wet` (law).
    ("weten", "weten"),
    ("weet", "weten"),
];

/// One analysed word of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Byte range in the text.
    pub from: usize,
    pub to: usize,
    /// Lower case, diacritics kept.
    pub lower: String,
    /// Lower case, diacritics folded.
    pub folded: String,
    pub stem: String,
}

/// Analyses `text` into words (without compound parts): what queries and
/// snippets use.
pub fn analyse(text: &str) -> Vec<Word> {
    words(text)
        .into_iter()
        .filter(|(_, _, w)| w.len() <= MAX_WORD)
        .map(|(from, to, lower)| {
            let folded = fold(&lower);
            let stem = stem(&folded);
            Word {
                from,
                to,
                lower,
                folded,
                stem,
            }
        })
        .collect()
}

/// Compound words split into parts that the site's own vocabulary knows:
/// `verkeersveiligheid` → `verkeer` + `veiligheid` (the linking `s` of
/// Dutch compounds is dropped), `jeugdzorg` → `jeugd` + `zorg`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Compounds {
    /// Folded compound → the stems of its parts.
    parts: BTreeMap<String, Vec<String>>,
}

/// Shortest part a compound is split into.
const MIN_PART: usize = 4;
/// How often a word must occur on its own to count as a part.
const MIN_PART_COUNT: u32 = 2;

impl Compounds {
    /// Learns compounds from `vocabulary`: folded word → occurrences.
    /// A word splits at the point that leaves the longest known tail; the
    /// head may end in a linking `s` (`verkeers-`) or `en`/`e`
    /// (`pannen-`); heads split again (`verkeersveiligheidsplan`).
    pub fn learn(vocabulary: &BTreeMap<String, u32>) -> Compounds {
        let known = |w: &str| is_part(w, vocabulary.get(w).copied().unwrap_or(0));
        let mut compounds = Compounds::default();
        for word in vocabulary.keys() {
            compounds.set(word, Compounds::split(word, &known));
        }
        compounds
    }

    /// The stems of the parts of `word` (folded, in the vocabulary) when
    /// it splits into parts that `known` accepts ([`is_part`] of their
    /// counts); `None` when it is not a compound. Depends on `known` of
    /// substrings of `word` only.
    pub fn split(word: &str, known: &dyn Fn(&str) -> bool) -> Option<Vec<String>> {
        if word.len() < 2 * MIN_PART || !word.is_ascii() {
            return None;
        }
        let split = split_word(word, known, 0);
        (split.len() > 1).then(|| {
            let mut stems: Vec<String> = split.iter().map(|p| stem(p)).collect();
            stems.dedup();
            stems
        })
    }

    /// Sets (or, with `None`, removes) the parts of `word`; true when that
    /// changed them.
    pub fn set(&mut self, word: &str, parts: Option<Vec<String>>) -> bool {
        match parts {
            Some(p) => {
                if self.parts.get(word) == Some(&p) {
                    return false;
                }
                self.parts.insert(word.to_string(), p);
                true
            }
            None => self.parts.remove(word).is_some(),
        }
    }

    /// The stems of the parts of `folded`, or nothing when it is not a
    /// known compound.
    pub fn parts(&self, folded: &str) -> &[String] {
        self.parts.get(folded).map(|v| v.as_slice()).unwrap_or(&[])
    }

    pub fn len(&self) -> usize {
        self.parts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }
}

/// True when a folded word that occurs `count` times in the site counts as
/// a part of compounds: long enough, seen more than once, and not a word
/// that only makes noise as a part.
pub fn is_part(word: &str, count: u32) -> bool {
    word.len() >= MIN_PART && count >= MIN_PART_COUNT && !STOP_PARTS.contains(&word)
}

/// Words that look like parts but only produce noise as such.
const STOP_PARTS: &[&str] = &[
    "over", "voor", "door", "onder", "tussen", "achter", "naar", "tegen", "zich", "niet", "deze",
    "hebben", "worden", "werd", "heid", "lijk", "lijke", "lijkheid", "ische", "isch", "atie",
    "eren", "ende", "ling", "ingen", "tijd", "stand", "gaan", "staan",
];

/// Splits `word` into known parts; `[word]` when it cannot be split.
fn split_word(word: &str, known: &dyn Fn(&str) -> bool, depth: usize) -> Vec<String> {
    if depth > 3 {
        return vec![word.to_string()];
    }
    // Longest known tail first.
    for i in MIN_PART..=word.len().saturating_sub(MIN_PART) {
        let (head, tail) = word.split_at(i);
        if !known(tail) {
            continue;
        }
        let heads: Vec<&str> = [
            Some(head),
            head.strip_suffix('s'),
            head.strip_suffix("en"),
            head.strip_suffix('e'),
        ]
        .into_iter()
        .flatten()
        .collect();
        for h in heads {
            if h.len() < MIN_PART {
                continue;
            }
            if known(h) {
                return vec![h.to_string(), tail.to_string()];
            }
            let sub = split_word(h, known, depth + 1);
            if sub.len() > 1 {
                let mut v = sub;
                v.push(tail.to_string());
                return v;
            }
        }
    }
    vec![word.to_string()]
}

/// Counts the folded words of `texts`, for [`Compounds::learn`].
pub fn vocabulary<'a>(texts: impl IntoIterator<Item = &'a str>) -> BTreeMap<String, u32> {
    let mut vocab = BTreeMap::new();
    for t in texts {
        for (_, _, w) in words(t) {
            if w.len() <= MAX_WORD {
                *vocab.entry(fold(&w)).or_insert(0) += 1;
            }
        }
    }
    vocab
}

/// Words that occur in more than one spelling of diacritics
/// (`coöperatie` and `cooperatie`): the `exact` field keeps them apart, so
/// that the spelling a reader typed ranks first.
pub fn ambiguous_spellings<'a>(texts: impl IntoIterator<Item = &'a str>) -> BTreeSet<String> {
    let mut by_fold: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for t in texts {
        for (_, _, w) in words(t) {
            if w.len() <= MAX_WORD {
                let f = fold(&w);
                by_fold.entry(f).or_default().insert(w);
            }
        }
    }
    let mut out = BTreeSet::new();
    for (f, spellings) in by_fold {
        if spellings.len() > 1 || spellings.iter().any(|s| *s != f) {
            out.extend(spellings);
            out.insert(f);
        }
    }
    out
}

/// The tantivy tokenizer of the `text` field: stems, and the stems of
/// compound parts at the same position.
#[derive(Clone)]
pub struct StemTokenizer {
    pub compounds: Arc<Compounds>,
}

/// The tantivy tokenizer of the `exact` field: lower-case words with their
/// diacritics, only those in `spellings`.
#[derive(Clone)]
pub struct ExactTokenizer {
    pub spellings: Arc<BTreeSet<String>>,
}

/// Tokens computed up front.
pub struct VecTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }
    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

fn token(from: usize, to: usize, position: usize, text: String) -> Token {
    Token {
        offset_from: from,
        offset_to: to,
        position,
        text,
        position_length: 1,
    }
}

impl Tokenizer for StemTokenizer {
    type TokenStream<'a> = VecTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        let mut tokens = Vec::new();
        for (pos, w) in analyse(text).into_iter().enumerate() {
            if is_stopword(&w.folded) {
                continue;
            }
            for p in self.compounds.parts(&w.folded) {
                if *p != w.stem {
                    tokens.push(token(w.from, w.to, pos, p.clone()));
                }
            }
            tokens.push(token(w.from, w.to, pos, w.stem));
        }
        VecTokenStream { tokens, next: 0 }
    }
}

impl Tokenizer for ExactTokenizer {
    type TokenStream<'a> = VecTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        let tokens = words(text)
            .into_iter()
            .enumerate()
            .filter(|(_, (_, _, w))| self.spellings.contains(w))
            .map(|(pos, (from, to, w))| token(from, to, pos, w))
            .collect();
        VecTokenStream { tokens, next: 0 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_removes_diacritics() {
        assert_eq!(fold("coöperatie"), "cooperatie");
        assert_eq!(fold("geëvalueerd"), "geevalueerd");
        assert_eq!(fold("café"), "cafe");
    }

    #[test]
    fn words_split_on_punctuation() {
        let w: Vec<String> = words("Noord-Holland, auto's; Coöperatie")
            .into_iter()
            .map(|w| w.2)
            .collect();
        assert_eq!(w, ["noord", "holland", "auto", "s", "coöperatie"]);
    }

    #[test]
    fn compounds_split_with_linking_s() {
        let mut v = BTreeMap::new();
        for w in [
            "verkeer",
            "veiligheid",
            "jeugd",
            "zorg",
            "verkeersveiligheid",
            "jeugdzorg",
        ] {
            v.insert(w.to_string(), 3);
        }
        let c = Compounds::learn(&v);
        assert_eq!(
            c.parts("verkeersveiligheid"),
            [stem("verkeer"), stem("veiligheid")]
        );
        assert_eq!(c.parts("jeugdzorg"), [stem("jeugd"), stem("zorg")]);
        assert!(c.parts("veiligheid").is_empty());
    }
}
