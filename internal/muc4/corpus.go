package muc4

import "github.com/sitrep/sitrep/internal/jsonl"

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

// ReadCorpusDocs reads a docs-*.jsonl file.
func ReadCorpusDocs(path string) ([]CorpusDoc, error) { return jsonl.ReadFile[CorpusDoc](path) }

// ReadRoleGold reads a roles-*.jsonl file.
func ReadRoleGold(path string) ([]RoleGold, error) { return jsonl.ReadFile[RoleGold](path) }

// ReadKeys reads a keys-*.jsonl file.
func ReadKeys(path string) ([]Doc, error) { return jsonl.ReadFile[Doc](path) }

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
