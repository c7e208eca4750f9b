// Package jsonl decodes JSON Lines files of one record type: gold files, answer keys,
// saved extractions. (Reports to extract are read by internal/ingest, which streams them
// and knows their fields.)
package jsonl

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

// Read decodes one T per non-blank line of r. Errors name the line.
func Read[T any](r io.Reader) ([]T, error) {
	br := bufio.NewReaderSize(r, 1<<20)
	var out []T
	for line := 1; ; line++ {
		b, err := br.ReadBytes('\n')
		if len(bytes.TrimSpace(b)) > 0 {
			var v T
			if jerr := json.Unmarshal(b, &v); jerr != nil {
				return out, fmt.Errorf("line %d: %w", line, jerr)
			}
			out = append(out, v)
		}
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, fmt.Errorf("line %d: %w", line, err)
		}
	}
}

// ReadFile decodes the file at path with Read; errors name the file and the line.
func ReadFile[T any](path string) ([]T, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	defer f.Close()
	out, err := Read[T](f)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return out, nil
}
