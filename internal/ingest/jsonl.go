package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/sitrep/sitrep/internal/report"
)

// MaxLineBytes is the longest JSON Lines line the reader accepts (64 MiB). Lines of
// annotated corpora carry tokens and mentions besides the text and can be many MB long.
const MaxLineBytes = 64 << 20

// jsonLine is one JSON Lines record. Keys other than these are ignored.
type jsonLine struct {
	ID        jsonID  `json:"id"`
	DocID     jsonID  `json:"doc_id"`
	Text      *string `json:"text"`
	Title     *string `json:"title"`
	Published *string `json:"published"`
	Source    *string `json:"source"`
	URL       *string `json:"url"`
	Dateline  *string `json:"dateline"`
}

// jsonID is an id given as a JSON string or number.
type jsonID string

func (id *jsonID) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		*id = ""
		return nil
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*id = jsonID(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("id must be a string or a number, not %s", truncate(string(b), 20))
	}
	*id = jsonID(n.String())
	return nil
}

// streamJSONL decodes one document per non-blank line. Each line is an object with
// "text" (required) and optionally "id" (or "doc_id"), "title", "published", "source",
// "url" and "dateline"; other keys are ignored. "published" may be null, YYYY-MM-DD or
// RFC 3339 (see normalizeDate for the forms accepted).
func streamJSONL(r io.Reader, name string, fn func(report.Document) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxLineBytes)
	lineNo, seen := 0, 0
	for sc.Scan() {
		lineNo++
		line := sc.Bytes()
		if lineNo == 1 {
			line = bytes.TrimPrefix(line, bom)
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		doc, err := decodeLine(line)
		if err != nil {
			return fmt.Errorf("read %s line %d: %w", displayName(name), lineNo, err)
		}
		seen++
		if err := fn(doc); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return fmt.Errorf("read %s line %d: line longer than %d MiB", displayName(name), lineNo+1, MaxLineBytes>>20)
		}
		return fmt.Errorf("read %s line %d: %w", displayName(name), lineNo+1, err)
	}
	if seen == 0 {
		return fmt.Errorf("read %s: %w", displayName(name), ErrEmpty)
	}
	return nil
}

func decodeLine(line []byte) (report.Document, error) {
	line = bytes.TrimSpace(line)
	if line[0] != '{' {
		return report.Document{}, fmt.Errorf("want a JSON object, got %s", truncate(string(line[:min(len(line), 100)]), 20))
	}
	var l jsonLine
	if err := json.Unmarshal(line, &l); err != nil {
		return report.Document{}, fmt.Errorf("bad JSON: %w", err)
	}
	if l.Text == nil {
		return report.Document{}, errors.New(`no "text"`)
	}
	text := CleanText(*l.Text)
	if strings.TrimSpace(text) == "" {
		return report.Document{}, errors.New(`empty "text"`)
	}
	d := report.Document{
		ID:       strings.TrimSpace(string(l.ID)),
		Text:     text,
		Title:    field(l.Title),
		Source:   field(l.Source),
		URL:      field(l.URL),
		Dateline: field(l.Dateline),
	}
	if d.ID == "" {
		d.ID = strings.TrimSpace(string(l.DocID))
	}
	if d.ID == "" {
		d.ID = DocID(text)
	}
	if p := field(l.Published); p != "" {
		n, ok := normalizeDate(p)
		if !ok {
			return report.Document{}, fmt.Errorf("published %s: want YYYY-MM-DD or RFC 3339", truncate(p, 40))
		}
		d.Published = n
	}
	return d, nil
}

// field returns a metadata string with surrounding white space trimmed and its line
// breaks and invalid UTF-8 cleaned; nil is "".
func field(s *string) string {
	if s == nil {
		return ""
	}
	return cleanField(*s)
}

// cleanField makes a one-line metadata value: valid UTF-8, runs of white space collapsed
// to one space, trimmed.
func cleanField(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Join(strings.Fields(s), " ")
}

// truncate shortens s to at most n runes for error messages.
func truncate(s string, n int) string {
	if len(s) > 4*n {
		s = s[:4*n+1] // the extra byte makes the rune count exceed n
	}
	r := []rune(s)
	if len(r) <= n {
		return strconv.Quote(s)
	}
	return strconv.Quote(string(r[:n])) + "..."
}
