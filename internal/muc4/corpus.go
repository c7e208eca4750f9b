package muc4

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

// Roles are the five role-filler roles of the CEAF-REE metric, in report order.
var Roles = [NRoles]string{"PerpInd", "PerpOrg", "Target", "Victim", "Weapon"}

// NRoles is the number of scored roles.
const NRoles = 5

// Role indexes into Roles.
const (
	PerpInd = iota
	PerpOrg
	Target
	Victim
	Weapon
)

// CorpusDoc is one line of a docs-*.jsonl file.
type CorpusDoc struct {
	ID        string  `json:"id"`
	Dateline  string  `json:"dateline"`
	Place     *string `json:"place"`
	Country   *string `json:"country"`
	Published *string `json:"published"`
	Source    *string `json:"source"`
	Text      string  `json:"text"`
}

// RoleGold is one line of a roles-*.jsonl file: entities (lists of mentions) per role.
type RoleGold struct {
	ID    string                `json:"id"`
	Roles map[string][][]string `json:"roles"`
}

func readJSONL[T any](path string) ([]T, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<20)
	var out []T
	for line := 1; ; line++ {
		b, err := br.ReadBytes('\n')
		if len(bytes.TrimSpace(b)) > 0 {
			var v T
			if jerr := json.Unmarshal(b, &v); jerr != nil {
				return nil, fmt.Errorf("read %s line %d: %w", path, line, jerr)
			}
			out = append(out, v)
		}
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
	}
}

// ReadCorpusDocs reads a docs-*.jsonl file.
func ReadCorpusDocs(path string) ([]CorpusDoc, error) { return readJSONL[CorpusDoc](path) }

// ReadRoleGold reads a roles-*.jsonl file.
func ReadRoleGold(path string) ([]RoleGold, error) { return readJSONL[RoleGold](path) }

// ReadKeys reads a keys-*.jsonl file.
func ReadKeys(path string) ([]Doc, error) { return readJSONL[Doc](path) }

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
