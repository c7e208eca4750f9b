package fuse

import (
	"sort"
	"strings"

	"github.com/sitrep/sitrep/internal/report"
	"github.com/sitrep/sitrep/internal/store"
)

// Perpetrator is an actor linked to an incident with its current status and every
// claim that links it.
type Perpetrator struct {
	Name   string
	Kind   report.ActorKind
	Status report.Status
	Claims []store.Claim
}

// statusStrength orders statuses for ties between claims of the same report time.
var statusStrength = map[report.Status]int{
	report.Convicted: 6, report.Claimed: 5, report.Accused: 4, report.ReportedAsFact: 3,
	report.Suspected: 2, report.Denied: 1,
}

// Perpetrators groups an incident's claims by perpetrator name (case-insensitively,
// keeping the first spelling), sorted by name. A perpetrator's status is that of its
// latest claim by report time (a later denial overrides an earlier claim); among claims
// of the same time the strongest wins: convicted, claimed, accused, reported as fact,
// suspected, denied. Its kind is the first one known.
func Perpetrators(in *store.Incident) []Perpetrator {
	byName := map[string]*Perpetrator{}
	var keys []string
	for _, c := range in.Claims { // in timeline order
		key := norm(c.Name)
		p := byName[key]
		if p == nil {
			p = &Perpetrator{Name: c.Name}
			byName[key] = p
			keys = append(keys, key)
		}
		if p.Kind == "" || p.Kind == report.KindUnknown {
			p.Kind = c.Kind
		}
		if n := len(p.Claims); n == 0 || c.ReportTime.After(p.Claims[n-1].ReportTime) ||
			statusStrength[c.Status] > statusStrength[p.Status] {
			p.Status = c.Status
		}
		p.Claims = append(p.Claims, c)
	}
	sort.Strings(keys)
	out := make([]Perpetrator, 0, len(keys))
	for _, k := range keys {
		out = append(out, *byName[k])
	}
	return out
}

// Summary is the one-line form of an incident's perpetrators: "name:status;…".
func Summary(ps []Perpetrator) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = p.Name + ":" + string(p.Status)
	}
	return strings.Join(parts, ";")
}
