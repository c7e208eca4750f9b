// Package ingest turns input bytes — plain text, HTML pages, JSON Lines and RSS/Atom
// feeds — into report.Document values.
//
// Every reader fixes Document.Text once and for all, because every span that extraction
// produces indexes it. The text is kept as the input gives it, with three exceptions
// applied everywhere (see CleanText): a leading UTF-8 byte order mark is removed, "\r\n"
// becomes "\n", and invalid UTF-8 is replaced by U+FFFD, so Text is always valid UTF-8.
// HTML and feed readers additionally reduce markup to plain text with paragraphs
// separated by one blank line. Plain text starting with a UTF-16 byte order mark is
// decoded to UTF-8; HTML is decoded from the charset it declares.
//
// A Document's ID is the input's own id when it has one (a JSON Lines "id" or "doc_id",
// a feed item's GUID or link), else DocID(Text).
package ingest

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/report"
)

// Kind is an input format.
type Kind string

// The input formats. KindAuto ("") asks the readers to detect the format with Detect.
const (
	KindAuto  Kind = ""
	KindText  Kind = "text"
	KindHTML  Kind = "html"
	KindJSONL Kind = "jsonl"
	KindFeed  Kind = "feed"
)

// Kinds lists the input formats in the order they are documented.
var Kinds = []Kind{KindText, KindHTML, KindJSONL, KindFeed}

// ParseKind checks a format name given by a user ("text", "html", "jsonl", "feed";
// "" or "auto" for detection).
func ParseKind(s string) (Kind, error) {
	switch k := Kind(strings.ToLower(strings.TrimSpace(s))); k {
	case KindAuto, "auto":
		return KindAuto, nil
	case KindText, KindHTML, KindJSONL, KindFeed:
		return k, nil
	}
	return "", fmt.Errorf("unknown input format %q (want text, html, jsonl or feed)", s)
}

// sniffLen is how much of the input Detect looks at, and how far the readers look for
// NUL bytes before declaring the input binary.
const sniffLen = 8 << 10

// ErrEmpty is returned for an input with no content (nothing but white space).
var ErrEmpty = errors.New("empty input")

// ErrBinary is returned when text or HTML input holds NUL bytes in its first 8 KiB.
var ErrBinary = errors.New("binary data, not text")

// ErrNoText is returned for an HTML page in which no readable text was found.
var ErrNoText = errors.New("no readable text in page")

// Detect guesses the format of an input from its file name's extension or, when the
// extension says nothing, from its first bytes (head; 8 KiB are plenty):
//
//	.txt .text .md           text
//	.html .htm .xhtml        html
//	.jsonl .ndjson .json     jsonl
//	.xml .rss .atom          feed
//
// Without a known extension, content starting with "{" is jsonl; an XML declaration
// followed by <rss, <feed or <rdf:RDF, or content starting with one of those, is a feed;
// content starting with an HTML tag (<!doctype html>, <html>, <body>, <p>, <div>, ...) is
// html; anything else is text.
func Detect(name string, head []byte) Kind {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".text", ".md":
		return KindText
	case ".html", ".htm", ".xhtml":
		return KindHTML
	case ".jsonl", ".ndjson", ".json":
		return KindJSONL
	case ".xml", ".rss", ".atom":
		return KindFeed
	}
	return sniff(head)
}

// htmlPrefixes are the tags that make content starting with them HTML, after
// net/http.DetectContentType plus a few HTML5 sectioning elements.
var htmlPrefixes = []string{
	"<!doctype html", "<html", "<head", "<body", "<script", "<iframe", "<style", "<title",
	"<meta", "<link", "<div", "<p", "<h1", "<h2", "<h3", "<h4", "<h5", "<h6", "<font",
	"<table", "<a", "<b", "<br", "<article", "<section", "<main", "<header", "<nav", "<!--",
}

func sniff(head []byte) Kind {
	if len(head) > sniffLen {
		head = head[:sniffLen]
	}
	head = bytes.TrimPrefix(head, bom)
	head = bytes.TrimLeft(head, " \t\r\n\f")
	if len(head) == 0 {
		return KindText
	}
	if head[0] == '{' {
		return KindJSONL
	}
	if head[0] != '<' {
		return KindText
	}
	lower := bytes.ToLower(head)
	if bytes.HasPrefix(lower, []byte("<?xml")) || bytes.HasPrefix(lower, []byte("<rss")) ||
		bytes.HasPrefix(lower, []byte("<feed")) || bytes.HasPrefix(lower, []byte("<rdf:rdf")) {
		for _, tag := range []string{"<rss", "<feed", "<rdf:rdf"} {
			if i := bytes.Index(lower, []byte(tag)); i >= 0 && tagEnds(lower[i+len(tag):]) {
				return KindFeed
			}
		}
		if bytes.Contains(lower, []byte("<html")) {
			return KindHTML
		}
		return KindText
	}
	for _, p := range htmlPrefixes {
		if bytes.HasPrefix(lower, []byte(p)) && (p == "<!--" || tagEnds(lower[len(p):])) {
			return KindHTML
		}
	}
	return KindText
}

// tagEnds reports whether rest, what follows a tag name, ends the name (or the input).
func tagEnds(rest []byte) bool {
	if len(rest) == 0 {
		return true
	}
	switch rest[0] {
	case ' ', '>', '/', '\t', '\r', '\n', '\f':
		return true
	}
	return false
}

// DocID is the id of a document whose input names none: "sha256:" followed by the first
// 16 hex digits of the SHA-256 of its text.
func DocID(text string) string {
	sum := sha256.Sum256([]byte(text))
	return "sha256:" + hex.EncodeToString(sum[:8])
}

var bom = []byte("\uFEFF")

// CleanText is the one normalisation every reader applies to document text: it removes a
// leading UTF-8 byte order mark, turns "\r\n" into "\n" (also dropping any further "\r"
// right before it, as in the "\r\r\n" of files converted twice) and replaces each run of
// invalid UTF-8 with U+FFFD. Everything else (other white space, a lone "\r", control
// characters) is kept as given.
func CleanText(s string) string {
	s = strings.TrimPrefix(s, "\uFEFF")
	if strings.Contains(s, "\r\n") {
		s = dropCR(s)
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return s
}

// dropCR removes every "\r" that directly precedes a "\n" or another such "\r".
func dropCR(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.Index(s, "\r\n")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := i
		for j > 0 && s[j-1] == '\r' {
			j--
		}
		b.WriteString(s[:j])
		b.WriteByte('\n')
		s = s[i+2:]
	}
}

// ReadFile reads the documents in the file at path ("-" is standard input). An empty kind
// detects the format from the name and the first bytes. On error it returns no
// documents.
func ReadFile(path string, kind Kind) ([]report.Document, error) {
	var docs []report.Document
	err := StreamFile(path, kind, func(d report.Document) error {
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return docs, nil
}

// StreamFile is ReadFile calling fn for each document as soon as it is read, so that
// JSON Lines files of any size are processed in constant memory.
func StreamFile(path string, kind Kind, fn func(report.Document) error) error {
	if path == "-" {
		return Stream(os.Stdin, path, kind, fn)
	}
	f, err := os.Open(path)
	if err != nil {
		return err // "open <path>: ..."
	}
	defer f.Close()
	return Stream(f, path, kind, fn)
}

// Read reads all documents from r. The name is used for detection (its extension) and in
// error messages; an empty kind detects the format. On error it returns no documents.
func Read(r io.Reader, name string, kind Kind) ([]report.Document, error) {
	var docs []report.Document
	err := Stream(r, name, kind, func(d report.Document) error {
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return docs, nil
}

// Stream reads documents from r and calls fn for each, in input order. JSON Lines are
// decoded one line at a time (lines up to MaxLineBytes); the other formats are read
// whole. An error returned by fn stops the reading and is returned as it is; the
// readers' own errors start with "read <name>".
func Stream(r io.Reader, name string, kind Kind, fn func(report.Document) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	if kind == KindAuto {
		head, err := br.Peek(sniffLen)
		if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
			return fmt.Errorf("read %s: %w", displayName(name), err)
		}
		kind = Detect(name, head)
	}
	switch kind {
	case KindJSONL:
		return streamJSONL(br, name, fn)
	case KindText, KindHTML, KindFeed:
	default:
		return fmt.Errorf("read %s: unknown input format %q", displayName(name), kind)
	}
	var buf bytes.Buffer
	if st, ok := r.(interface{ Stat() (os.FileInfo, error) }); ok {
		if fi, err := st.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > 0 {
			buf.Grow(int(min(fi.Size(), 1<<30)) + bytes.MinRead)
		}
	}
	if _, err := buf.ReadFrom(br); err != nil {
		return fmt.Errorf("read %s: %w", displayName(name), err)
	}
	data := buf.Bytes()
	var (
		docs []report.Document
		err  error
	)
	switch kind {
	case KindText:
		docs, err = readText(data)
	case KindHTML:
		docs, err = readHTML(data, "", nil)
	case KindFeed:
		docs, err = readFeed(data)
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", displayName(name), err)
	}
	for _, d := range docs {
		if err := fn(d); err != nil {
			return err
		}
	}
	return nil
}

func displayName(name string) string {
	switch name {
	case "":
		return "input"
	case "-":
		return "stdin"
	}
	return name
}

// isBlank reports whether data has nothing but a byte order mark and white space.
func isBlank(data []byte) bool {
	return len(bytes.TrimSpace(bytes.TrimPrefix(data, bom))) == 0
}

// checkBinary returns ErrBinary when the first 8 KiB of data hold a NUL byte.
func checkBinary(data []byte) error {
	if len(data) > sniffLen {
		data = data[:sniffLen]
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return ErrBinary
	}
	return nil
}
