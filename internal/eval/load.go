package eval

import (
	"github.com/sitrep/sitrep/internal/jsonl"
	"github.com/sitrep/sitrep/internal/muc4"
	"github.com/sitrep/sitrep/internal/report"
)

// ReadRoles reads a roles-*.jsonl file (MUC-4 role-filler gold).
func ReadRoles(path string) ([]RoleDoc, error) { return jsonl.ReadFile[RoleDoc](path) }

// ReadKeys reads a keys-*.jsonl file, or the output of `sitrep read --format muc4`.
func ReadKeys(path string) ([]muc4.Doc, error) { return muc4.ReadKeys(path) }

// ReadIncidentGold reads a GOLD_SCHEMA.md gold file such as dev_gold.jsonl.
func ReadIncidentGold(path string) ([]IncidentGold, error) {
	return jsonl.ReadFile[IncidentGold](path)
}

// ReadReports reads the JSON Lines output of `sitrep read --json`.
func ReadReports(path string) ([]report.Report, error) {
	return jsonl.ReadFile[report.Report](path)
}
