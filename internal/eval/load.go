package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/sitrep/sitrep/internal/muc4"
	"github.com/sitrep/sitrep/internal/report"
)

// ReadRoles reads a roles-*.jsonl file (MUC-4 role-filler gold).
func ReadRoles(path string) ([]RoleDoc, error) { return readJSONLFile[RoleDoc](path) }

// ReadKeys reads a keys-*.jsonl file, or the output of `sitrep read --format muc4`.
func ReadKeys(path string) ([]muc4.Doc, error) { return readJSONLFile[muc4.Doc](path) }

// ReadIncidentGold reads a GOLD_SCHEMA.md gold file such as dev_gold.jsonl.
func ReadIncidentGold(path string) ([]IncidentGold, error) {
	return readJSONLFile[IncidentGold](path)
}

// ReadReports reads the JSON Lines output of `sitrep read --json`.
func ReadReports(path string) ([]report.Report, error) {
	return readJSONLFile[report.Report](path)
}

func readJSONLFile[T any](path string) ([]T, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	defer f.Close()
	out, err := ReadJSONL[T](f)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return out, nil
}

// ReadJSONL decodes one T per non-blank line of r. Errors name the line.
func ReadJSONL[T any](r io.Reader) ([]T, error) {
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
