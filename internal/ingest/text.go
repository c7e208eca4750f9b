package ingest

import (
	"bytes"
	"fmt"

	"golang.org/x/text/encoding/unicode"

	"github.com/sitrep/sitrep/internal/report"
)

// readText makes one document of a whole plain-text input. Input that starts with a
// UTF-16 byte order mark is decoded to UTF-8 first; otherwise the bytes are taken as
// UTF-8 and cleaned with CleanText.
func readText(data []byte) ([]report.Document, error) {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		dec := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()
		u, err := dec.Bytes(data)
		if err != nil {
			return nil, fmt.Errorf("decode utf-16: %w", err)
		}
		data = u
	}
	if isBlank(data) {
		return nil, ErrEmpty
	}
	if err := checkBinary(data); err != nil {
		return nil, err
	}
	text := CleanText(string(data))
	return []report.Document{{ID: DocID(text), Text: text}}, nil
}
