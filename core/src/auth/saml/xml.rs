//! A writer that emits XML already in exclusive canonical form.
//!
//! Exclusive XML Canonicalization 1.0 (`http://www.w3.org/2001/10/xml-exc-c14n#`, without
//! comments and without an inclusive namespace prefix list) of a document we write ourselves
//! reduces to these rules, which the writer applies by construction:
//!
//! * no XML declaration, no whitespace between elements, UTF-8 output;
//! * empty elements are written as a start/end pair (`<a></a>`), never `<a/>`;
//! * each element declares exactly the prefixes it (or one of its attributes) uses and that
//!   no ancestor has declared; declarations come first, sorted by prefix;
//! * attributes carry no prefix and are sorted by name;
//! * text escapes `&`, `<`, `>` and CR; attribute values escape `&`, `<`, `"`, TAB, LF, CR.
//!
//! The caller declares the namespaces ([`Writer::start`] takes them), which keeps the writer
//! simple; the integration tests prove the output against xmlsec1.

/// Elements are written with the namespace declarations given by the caller, in order.
#[derive(Debug, Default)]
pub(crate) struct Writer {
    out: String,
    bad_char: bool,
}

impl Writer {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Opens `<name ns.. attrs..>`; `ns` must be sorted by prefix.
    pub(crate) fn start(&mut self, name: &str, ns: &[(&str, &str)], attrs: &[(&str, &str)]) {
        debug_assert!(ns.windows(2).all(|w| w[0].0 < w[1].0));
        self.out.push('<');
        self.out.push_str(name);
        for (prefix, uri) in ns {
            self.out.push_str(" xmlns:");
            self.out.push_str(prefix);
            self.out.push_str("=\"");
            self.escape_attr(uri);
            self.out.push('"');
        }
        let mut sorted: Vec<&(&str, &str)> = attrs.iter().collect();
        sorted.sort_by(|a, b| a.0.cmp(b.0));
        for (key, value) in sorted {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            self.escape_attr(value);
            self.out.push('"');
        }
        self.out.push('>');
    }

    /// Closes `</name>`.
    pub(crate) fn end(&mut self, name: &str) {
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }

    /// Writes escaped character data.
    pub(crate) fn text(&mut self, text: &str) {
        for c in text.chars() {
            self.check(c);
            match c {
                '&' => self.out.push_str("&amp;"),
                '<' => self.out.push_str("&lt;"),
                '>' => self.out.push_str("&gt;"),
                '\r' => self.out.push_str("&#xD;"),
                c => self.out.push(c),
            }
        }
    }

    /// `<name attrs>text</name>` without namespace declarations.
    pub(crate) fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.start(name, &[], attrs);
        self.text(text);
        self.end(name);
    }

    /// Writes markup as is (whitespace for human-read documents, trusted fragments).
    pub(crate) fn raw(&mut self, markup: &str) {
        self.out.push_str(markup);
    }

    /// The number of bytes written so far (an insertion point for a signature).
    pub(crate) fn position(&self) -> usize {
        self.out.len()
    }

    /// The text written, or `None` when a value held a character XML 1.0 cannot carry.
    pub(crate) fn finish(self) -> Option<String> {
        (!self.bad_char).then_some(self.out)
    }

    fn escape_attr(&mut self, value: &str) {
        for c in value.chars() {
            self.check(c);
            match c {
                '&' => self.out.push_str("&amp;"),
                '<' => self.out.push_str("&lt;"),
                '"' => self.out.push_str("&quot;"),
                '\t' => self.out.push_str("&#x9;"),
                '\n' => self.out.push_str("&#xA;"),
                '\r' => self.out.push_str("&#xD;"),
                c => self.out.push(c),
            }
        }
    }

    fn check(&mut self, c: char) {
        if !is_xml_char(c) {
            self.bad_char = true;
        }
    }
}

/// Whether XML 1.0 can carry `c` (the `Char` production; Rust chars are never surrogates).
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_canonical_form() {
        let mut w = Writer::new();
        w.start(
            "saml:A",
            &[("saml", "urn:x"), ("xs", "urn:y")],
            &[("Version", "2.0"), ("ID", "_1"), ("IssueInstant", "t")],
        );
        w.leaf("saml:B", &[], "");
        w.leaf(
            "saml:C",
            &[("Z", "a\"b<c>&\t\n\r"), ("A", "1")],
            "x<y>&z\r\n\t\"'",
        );
        w.end("saml:A");
        assert_eq!(
            w.finish().unwrap(),
            "<saml:A xmlns:saml=\"urn:x\" xmlns:xs=\"urn:y\" ID=\"_1\" IssueInstant=\"t\" \
             Version=\"2.0\"><saml:B></saml:B><saml:C A=\"1\" \
             Z=\"a&quot;b&lt;c>&amp;&#x9;&#xA;&#xD;\">x&lt;y&gt;&amp;z&#xD;\n\t\"'</saml:C>\
             </saml:A>"
        );
    }

    #[test]
    fn flags_characters_xml_cannot_carry() {
        for bad in ["\u{0}", "a\u{1b}b", "\u{FFFF}", "\u{8}"] {
            let mut w = Writer::new();
            w.leaf("a", &[], bad);
            assert!(w.finish().is_none(), "{bad:?}");
            let mut w = Writer::new();
            w.leaf("a", &[("k", bad)], "");
            assert!(w.finish().is_none(), "{bad:?}");
        }
        let mut w = Writer::new();
        w.leaf("a", &[], "中文 😀 \u{FFFD} \u{10FFFF}");
        assert!(w.finish().is_some());
    }
}
