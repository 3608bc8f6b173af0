//! A small XML tree for checking received messages: parsed with quick-xml, with the
//! normalisations an XML processor owes the canonicaliser (line ends, attribute values,
//! character references) and namespace resolution.
//!
//! Safe by construction for untrusted input: a DOCTYPE is refused (so no entity can be
//! declared, let alone expanded), only the five predefined entities and character references
//! are known, nesting is bounded and the caller bounds the size.

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::xml::is_xml_char;
use super::SamlError;

/// The namespace bound to the `xml` prefix.
pub(crate) const NS_XML: &str = "http://www.w3.org/XML/1998/namespace";
const NS_XMLNS: &str = "http://www.w3.org/2000/xmlns/";

/// The deepest element nesting accepted; SAML responses use about a dozen levels.
pub(crate) const MAX_DEPTH: usize = 64;

/// The most attributes (namespace declarations included) one element may carry; the checks
/// for duplicates are quadratic.
const MAX_ATTRIBUTES: usize = 128;

/// A parsed document: its elements in document order, the root first.
#[derive(Debug)]
pub(crate) struct Document {
    pub(crate) elements: Vec<Element>,
}

/// One element. Names are kept as written (canonical form repeats them).
#[derive(Debug)]
pub(crate) struct Element {
    /// The name as written (`saml:Assertion`).
    pub(crate) qname: String,
    /// The prefix, `""` when there is none.
    pub(crate) prefix: String,
    pub(crate) local: String,
    /// The namespace URI, `""` when the element is in no namespace.
    pub(crate) ns: String,
    /// Declarations on this element: prefix (`""` for the default namespace) and URI.
    pub(crate) ns_decls: Vec<(String, String)>,
    /// Attributes other than namespace declarations.
    pub(crate) attrs: Vec<Attr>,
    pub(crate) children: Vec<Node>,
    pub(crate) parent: Option<usize>,
}

/// An attribute with its normalised, unescaped value.
#[derive(Debug)]
pub(crate) struct Attr {
    pub(crate) qname: String,
    pub(crate) prefix: String,
    pub(crate) local: String,
    pub(crate) ns: String,
    pub(crate) value: String,
}

/// A child node. Comments are dropped: canonical form without comments leaves them out.
#[derive(Debug)]
pub(crate) enum Node {
    Element(usize),
    /// Character data (adjacent text and CDATA merged), unescaped.
    Text(String),
    /// A processing instruction: target and data.
    Pi(String, String),
}

impl Document {
    /// The root element.
    pub(crate) const ROOT: usize = 0;

    pub(crate) fn el(&self, i: usize) -> &Element {
        &self.elements[i]
    }

    /// Whether element `i` is `{ns}local`.
    pub(crate) fn is(&self, i: usize, ns: &str, local: &str) -> bool {
        let e = &self.elements[i];
        e.ns == ns && e.local == local
    }

    /// The element children of `i`.
    pub(crate) fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.elements[i].children.iter().filter_map(|n| match n {
            Node::Element(c) => Some(*c),
            _ => None,
        })
    }

    /// The element children of `i` named `{ns}local`.
    pub(crate) fn children_named<'a>(
        &'a self,
        i: usize,
        ns: &'a str,
        local: &'a str,
    ) -> impl Iterator<Item = usize> + 'a {
        self.children(i).filter(move |&c| self.is(c, ns, local))
    }

    /// The first element child of `i` named `{ns}local`.
    pub(crate) fn child(&self, i: usize, ns: &str, local: &str) -> Option<usize> {
        self.children_named(i, ns, local).next()
    }

    /// The value of the unprefixed attribute `local` of `i`.
    pub(crate) fn attr(&self, i: usize, local: &str) -> Option<&str> {
        self.elements[i]
            .attrs
            .iter()
            .find(|a| a.prefix.is_empty() && a.local == local)
            .map(|a| a.value.as_str())
    }

    /// The text content of `i` and its descendants.
    pub(crate) fn text(&self, i: usize) -> String {
        let mut out = String::new();
        self.collect_text(i, &mut out);
        out
    }

    fn collect_text(&self, i: usize, out: &mut String) {
        for n in &self.elements[i].children {
            match n {
                Node::Text(t) => out.push_str(t),
                Node::Element(c) => self.collect_text(*c, out),
                Node::Pi(..) => {}
            }
        }
    }

    /// The URI `prefix` is bound to at element `i` (`""` = default namespace), if declared.
    pub(crate) fn lookup_ns(&self, i: usize, prefix: &str) -> Option<&str> {
        if prefix == "xml" {
            return Some(NS_XML);
        }
        let mut at = Some(i);
        while let Some(e) = at.map(|j| &self.elements[j]) {
            if let Some((_, uri)) = e.ns_decls.iter().find(|(p, _)| p == prefix) {
                return Some(uri);
            }
            at = e.parent;
        }
        None
    }
}

/// Parses `text` (UTF-8, without any encoding other than UTF-8 declared).
pub(crate) fn parse(text: &str) -> Result<Document, SamlError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // End-of-line handling (XML 1.0 §2.11) comes before parsing; a CR written as `&#xD;`
    // survives, which is why canonical form escapes it.
    let normalised: Cow<'_, str> = if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    };
    let mut reader = Reader::from_str(&normalised);
    let config = reader.config_mut();
    config.expand_empty_elements = true;
    config.check_end_names = true;
    config.check_comments = true;

    let mut doc = Document {
        elements: Vec::new(),
    };
    let mut open: Vec<usize> = Vec::new();
    loop {
        match reader.read_event().map_err(xml_error)? {
            Event::Decl(d) => {
                if let Some(enc) = d.encoding() {
                    let enc = enc.map_err(xml_error)?;
                    if !enc.eq_ignore_ascii_case(b"utf-8") {
                        return Err(bad("only UTF-8 documents are accepted"));
                    }
                }
            }
            Event::DocType(_) => return Err(SamlError::DoctypeNotAllowed),
            Event::Start(e) => open_element(&mut doc, &mut open, &e)?,
            Event::Empty(e) => {
                // Not produced with `expand_empty_elements`, handled all the same.
                open_element(&mut doc, &mut open, &e)?;
                open.pop();
            }
            Event::End(_) => {
                open.pop();
            }
            Event::Text(t) => {
                let raw = std::str::from_utf8(&t).map_err(xml_error)?;
                match open.last() {
                    Some(&p) => {
                        let text = quick_xml::escape::unescape(raw).map_err(xml_error)?;
                        push_text(&mut doc.elements[p], &text)?;
                    }
                    None if raw.chars().all(|c| matches!(c, ' ' | '\t' | '\n')) => {}
                    None => return Err(bad("text outside the root element")),
                }
            }
            Event::CData(t) => {
                let p = *open
                    .last()
                    .ok_or_else(|| bad("CDATA outside the root element"))?;
                let text = std::str::from_utf8(&t).map_err(xml_error)?;
                push_text(&mut doc.elements[p], text)?;
            }
            Event::PI(pi) => {
                if let Some(&p) = open.last() {
                    let target = utf8(pi.target())?;
                    let data = utf8(pi.content())?.trim_start_matches([' ', '\t', '\n']);
                    check_chars(data)?;
                    doc.elements[p]
                        .children
                        .push(Node::Pi(target.to_owned(), data.to_owned()));
                }
            }
            Event::Comment(_) => {}
            Event::Eof => break,
        }
    }
    if !open.is_empty() {
        return Err(bad("unclosed element"));
    }
    if doc.elements.is_empty() {
        return Err(bad("no root element"));
    }
    Ok(doc)
}

fn open_element(
    doc: &mut Document,
    open: &mut Vec<usize>,
    e: &BytesStart<'_>,
) -> Result<(), SamlError> {
    if open.len() >= MAX_DEPTH {
        return Err(bad("elements nested too deeply"));
    }
    let parent = open.last().copied();
    if parent.is_none() && !doc.elements.is_empty() {
        return Err(bad("more than one root element"));
    }
    let index = doc.elements.len();
    let element = start_element(doc, parent, e)?;
    doc.elements.push(element);
    if let Some(p) = parent {
        doc.elements[p].children.push(Node::Element(index));
    }
    open.push(index);
    Ok(())
}

fn start_element(
    doc: &Document,
    parent: Option<usize>,
    e: &BytesStart<'_>,
) -> Result<Element, SamlError> {
    let qname = utf8(e.name().into_inner())?.to_owned();
    let (prefix, local) = split_qname(&qname)?;
    let mut ns_decls: Vec<(String, String)> = Vec::new();
    let mut raw_attrs: Vec<(String, String)> = Vec::new();
    for (n, a) in e.attributes().enumerate() {
        if n >= MAX_ATTRIBUTES {
            return Err(bad("too many attributes on one element"));
        }
        let a = a.map_err(xml_error)?;
        let key = utf8(a.key.into_inner())?.to_owned();
        let raw = utf8(&a.value)?;
        if raw.contains('<') {
            return Err(bad("'<' in an attribute value"));
        }
        // Attribute-value normalisation (XML 1.0 §3.3.3) for CDATA attributes: literal
        // whitespace becomes a space, character references keep their character.
        let spaced = raw.replace(['\t', '\n'], " ");
        let value = quick_xml::escape::unescape(&spaced)
            .map_err(xml_error)?
            .into_owned();
        check_chars(&value)?;
        if key == "xmlns" {
            ns_decls.push((String::new(), value));
        } else if let Some(p) = key.strip_prefix("xmlns:") {
            split_qname(p)?;
            if value.is_empty() || p == "xmlns" || (p == "xml") != (value == NS_XML) {
                return Err(bad("invalid namespace declaration"));
            }
            ns_decls.push((p.to_owned(), value));
        } else {
            raw_attrs.push((key, value));
        }
    }
    if ns_decls.iter().any(|(_, uri)| uri == NS_XMLNS) {
        return Err(bad("invalid namespace declaration"));
    }
    let mut element = Element {
        prefix: prefix.to_owned(),
        local: local.to_owned(),
        qname: qname.clone(),
        ns: String::new(),
        ns_decls,
        attrs: Vec::with_capacity(raw_attrs.len()),
        children: Vec::new(),
        parent,
    };
    let resolve = |prefix: &str| -> Result<String, SamlError> {
        if let Some((_, uri)) = element.ns_decls.iter().find(|(p, _)| p == prefix) {
            return Ok(uri.clone());
        }
        match parent.and_then(|p| doc.lookup_ns(p, prefix)) {
            Some(uri) => Ok(uri.to_owned()),
            None if prefix.is_empty() => Ok(String::new()),
            None if prefix == "xml" => Ok(NS_XML.to_owned()),
            None => Err(bad("undeclared namespace prefix")),
        }
    };
    let ns = resolve(prefix)?;
    let mut attrs = Vec::with_capacity(raw_attrs.len());
    for (qname, value) in raw_attrs {
        let (prefix, local) = split_qname(&qname)?;
        let ns = if prefix.is_empty() {
            String::new()
        } else {
            resolve(prefix)?
        };
        let attr = Attr {
            prefix: prefix.to_owned(),
            local: local.to_owned(),
            ns,
            value,
            qname: qname.clone(),
        };
        if attrs
            .iter()
            .any(|a: &Attr| a.ns == attr.ns && a.local == attr.local)
        {
            return Err(bad("duplicate attribute"));
        }
        attrs.push(attr);
    }
    element.ns = ns;
    element.attrs = attrs;
    Ok(element)
}

fn push_text(element: &mut Element, text: &str) -> Result<(), SamlError> {
    check_chars(text)?;
    if let Some(Node::Text(last)) = element.children.last_mut() {
        last.push_str(text);
    } else if !text.is_empty() {
        element.children.push(Node::Text(text.to_owned()));
    }
    Ok(())
}

/// Splits `prefix:local`; names with more than one colon or an empty part are refused.
fn split_qname(name: &str) -> Result<(&str, &str), SamlError> {
    let (prefix, local) = name.split_once(':').unwrap_or(("", name));
    if local.is_empty() || local.contains(':') || (name.contains(':') && prefix.is_empty()) {
        return Err(bad("invalid name"));
    }
    Ok((prefix, local))
}

fn check_chars(text: &str) -> Result<(), SamlError> {
    if text.chars().all(is_xml_char) {
        Ok(())
    } else {
        Err(bad("a character XML cannot carry"))
    }
}

fn utf8(bytes: &[u8]) -> Result<&str, SamlError> {
    std::str::from_utf8(bytes).map_err(|_| bad("not UTF-8"))
}

fn bad(what: &str) -> SamlError {
    SamlError::BadXml(what.to_owned())
}

fn xml_error(e: impl std::fmt::Display) -> SamlError {
    SamlError::BadXml(e.to_string().chars().take(200).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_namespaces_and_normalises_values() {
        let doc = parse(
            "<?xml version='1.0' encoding='utf-8'?>\r\n<a:r xmlns:a='urn:a' xmlns='urn:d' \
             x='1\t2\r\n3&#9;4&#xD;'><b a:y=\"&lt;&amp;\">t\r\nu<![CDATA[<&]]>v<!-- c --></b>\
             <c xmlns=''/><?pi  data ?></a:r>",
        )
        .unwrap();
        let root = doc.el(Document::ROOT);
        assert_eq!((root.ns.as_str(), root.local.as_str()), ("urn:a", "r"));
        assert_eq!(doc.attr(0, "x"), Some("1 2 3\t4\r"));
        assert!(doc.is(1, "urn:d", "b"));
        assert_eq!(doc.el(1).attrs[0].ns, "urn:a");
        assert_eq!(doc.el(1).attrs[0].value, "<&");
        assert_eq!(doc.text(1), "t\nu<&v");
        assert_eq!(doc.el(1).children.len(), 1);
        assert!(doc.is(2, "", "c"));
        assert!(matches!(&root.children[2], Node::Pi(t, d) if t == "pi" && d == "data "));
        assert_eq!(doc.lookup_ns(2, ""), Some(""));
        assert_eq!(doc.lookup_ns(2, "a"), Some("urn:a"));
    }

    #[test]
    fn refuses_unsafe_or_malformed_input() {
        let cases = [
            "<!DOCTYPE r [<!ENTITY x 'y'>]><r>&x;</r>",
            "<r>&x;</r>",
            "<r>&#0;</r>",
            "<r>&#1;</r>",
            "<r>\u{1}</r>",
            "<r a='1' a='2'/>",
            "<r xmlns:p='u' xmlns:q='u' p:a='1' q:a='2'/>",
            "<p:r/>",
            "<r><a></b></r>",
            "<r>",
            "<r/><r/>",
            "text<r/>",
            "",
            "<r xmlns:p=''/>",
            "<r xmlns:xml='urn:x'/>",
            "<r a='<'/>",
            "<a:b:c/>",
            "<?xml version='1.0' encoding='ISO-8859-1'?><r/>",
            "<r><!-- a -- b --></r>",
        ];
        for case in cases {
            assert!(parse(case).is_err(), "{case}");
        }
        assert_eq!(
            parse("<!DOCTYPE r><r/>").unwrap_err(),
            SamlError::DoctypeNotAllowed
        );
        let many: String = (0..=MAX_ATTRIBUTES).map(|i| format!(" a{i}='1'")).collect();
        assert!(parse(&format!("<r{many}/>")).is_err());
        let deep = "<a>".repeat(MAX_DEPTH + 1) + &"</a>".repeat(MAX_DEPTH + 1);
        assert!(parse(&deep).is_err());
        let ok = "<a>".repeat(MAX_DEPTH) + &"</a>".repeat(MAX_DEPTH);
        assert!(parse(&ok).is_ok());
    }
}
