package eval

import (
	"strings"

	"github.com/sitrep/sitrep/internal/muc4"
)

// Roles are the five MUC-4 role-filler roles the CEAF-REE metric scores, in report order.
var Roles = []string{"PerpInd", "PerpOrg", "Target", "Victim", "Weapon"}

// Entity is one real-world thing filling a role: its alternative mention strings.
type Entity []string

// RoleDoc is one line of a roles-*.jsonl file: a document's entities per role.
type RoleDoc struct {
	ID    string              `json:"id"`
	Roles map[string][]Entity `json:"roles"`
}

// TemplatesToRoles converts one document's templates to role entities by rules 1–2 of the
// MUC-4 README, applied to normalised mentions: PerpInd = perp_individual_id, PerpOrg =
// perp_organization_id, Target = phys_tgt_id, Victim = hum_tgt_name (names only, never
// descriptions), Weapon = instrument_id, collected over all templates in order (optional
// ones and optional fills included). Each entity becomes the set of its distinct
// normalised mentions (first-seen order); an entity left with no mention is dropped, and
// one whose mention set is a subset or superset of an entity already collected for the
// role is skipped. Every role is present in the result, possibly empty.
func TemplatesToRoles(ts []muc4.Template) map[string][]Entity {
	out := make(map[string][]Entity, len(Roles))
	sets := make(map[string][]map[string]bool, len(Roles))
	for _, r := range Roles {
		out[r] = []Entity{}
	}
	for _, t := range ts {
		slots := [...][][]string{t.PerpIndividualID, t.PerpOrganizationID, t.PhysTgtID, t.HumTgtName, t.InstrumentID}
		for ri, slot := range slots {
			role := Roles[ri]
			for _, ent := range slot {
				e, set := normEntity(ent)
				if len(e) == 0 {
					continue
				}
				dup := false
				for _, prev := range sets[role] {
					if subsetOf(set, prev) || subsetOf(prev, set) {
						dup = true
						break
					}
				}
				if dup {
					continue
				}
				out[role] = append(out[role], e)
				sets[role] = append(sets[role], set)
			}
		}
	}
	return out
}

// normEntity returns the distinct non-empty normalised mentions of ent, in first-seen
// order, and the same as a set.
func normEntity(ent []string) (Entity, map[string]bool) {
	set := make(map[string]bool, len(ent))
	var e Entity
	for _, m := range ent {
		n := Normalize(m)
		if n == "" || set[n] {
			continue
		}
		set[n] = true
		e = append(e, n)
	}
	return e, set
}

// subsetOf reports whether every member of a is in b.
func subsetOf(a, b map[string]bool) bool {
	if len(a) > len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

// Counts is one cell of a role-filler score: the summed assignment similarity (Matched)
// and the numbers of predicted and gold entities. Ratios are taken only at the end.
type Counts struct {
	Matched   float64 `json:"matched"`
	Predicted int     `json:"predicted"`
	Gold      int     `json:"gold"`
}

// Add sums two cells.
func (c Counts) Add(o Counts) Counts {
	return Counts{Matched: c.Matched + o.Matched, Predicted: c.Predicted + o.Predicted, Gold: c.Gold + o.Gold}
}

// P is precision, Matched/Predicted, in [0, 1]; 0 when nothing was predicted.
func (c Counts) P() float64 { return ratio(c.Matched, float64(c.Predicted)) }

// R is recall, Matched/Gold, in [0, 1]; 0 when the gold is empty.
func (c Counts) R() float64 { return ratio(c.Matched, float64(c.Gold)) }

// F1 is the harmonic mean of P and R; 0 when both are 0.
func (c Counts) F1() float64 { return f1(c.P(), c.R()) }

func ratio(num, den float64) float64 {
	if den == 0 {
		return 0
	}
	return num / den
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// RoleScores holds one similarity's counts per role.
type RoleScores map[string]Counts

// Micro sums numerators and denominators over the five roles.
func (s RoleScores) Micro() Counts {
	var m Counts
	for _, r := range Roles {
		m = m.Add(s[r])
	}
	return m
}

// RoleReport is the CEAF-REE result: strict and prop counts per role, over Docs gold
// documents, of which Missing had no prediction (scored as predicting nothing).
type RoleReport struct {
	Docs    int        `json:"docs"`
	Missing int        `json:"missing"`
	Strict  RoleScores `json:"strict"`
	Prop    RoleScores `json:"prop"`
	// Misses are the entities the strict matching left unmatched, by document and role:
	// a gold entity (Gold, its mentions joined by " | ") nothing predicted matched, or a
	// predicted entity (Got) that matched no gold entity.
	Misses []Miss `json:"misses,omitempty"`
}

// Add merges the counts of o into r (for scoring several gold files as one).
func (r *RoleReport) Add(o RoleReport) {
	r.Docs += o.Docs
	r.Missing += o.Missing
	r.Misses = append(r.Misses, o.Misses...)
	if r.Strict == nil {
		r.Strict, r.Prop = RoleScores{}, RoleScores{}
	}
	for _, role := range Roles {
		r.Strict[role] = r.Strict[role].Add(o.Strict[role])
		r.Prop[role] = r.Prop[role].Add(o.Prop[role])
	}
}

// ScoreRoles scores predicted role entities against gold with CEAF-REE as the MUC-4
// README defines it. Scoring runs over the documents of gold; a gold document absent from
// pred counts as predicting nothing, and predicted documents absent from gold are
// ignored. Both sides are normalised here (Normalize, distinct mentions, empty predicted
// entities dropped), so pred may hold raw strings. For each document and role the exact
// maximum-similarity one-to-one matching is found (Assign) for strict similarity
// (1 when every mention of P is in G) and prop similarity (|P ∩ G| / |P|).
func ScoreRoles(gold []RoleDoc, pred map[string]map[string][]Entity) RoleReport {
	rep := RoleReport{Strict: RoleScores{}, Prop: RoleScores{}, Misses: []Miss{}}
	for _, g := range gold {
		rep.Docs++
		p, ok := pred[g.ID]
		if !ok {
			rep.Missing++
		}
		for _, role := range Roles {
			sc := scoreRole(g.Roles[role], p[role])
			rep.Strict[role] = rep.Strict[role].Add(sc.strict)
			rep.Prop[role] = rep.Prop[role].Add(sc.prop)
			for _, e := range sc.missed {
				rep.Misses = append(rep.Misses, Miss{ID: g.ID, Field: role, Gold: strings.Join(e, " | ")})
			}
			for _, e := range sc.wrong {
				rep.Misses = append(rep.Misses, Miss{ID: g.ID, Field: role, Got: strings.Join(e, " | ")})
			}
		}
	}
	return rep
}

// roleScore is the scoring of one document-role.
type roleScore struct {
	strict, prop  Counts
	missed, wrong []Entity // normalised gold and predicted entities the strict matching left unmatched
}

// scoreRole scores one document-role: gold entities against predicted ones.
func scoreRole(gold, pred []Entity) (sc roleScore) {
	gs := make([]map[string]bool, 0, len(gold))
	gn := make([]Entity, 0, len(gold))
	for _, g := range gold {
		e, set := normEntity(g)
		gs = append(gs, set) // gold entities count even if normalisation empties them
		gn = append(gn, e)
	}
	ps := make([]map[string]bool, 0, len(pred))
	pn := make([]Entity, 0, len(pred))
	for _, p := range pred {
		if e, set := normEntity(p); len(set) > 0 {
			ps = append(ps, set)
			pn = append(pn, e)
		}
	}
	sc.strict = Counts{Predicted: len(ps), Gold: len(gs)}
	sc.prop = sc.strict
	ss := make([][]float64, len(gs))
	sp := make([][]float64, len(gs))
	for i, g := range gs {
		ss[i] = make([]float64, len(ps))
		sp[i] = make([]float64, len(ps))
		for j, p := range ps {
			ss[i][j] = StrictSim(g, p)
			sp[i][j] = PropSim(g, p)
		}
	}
	var rowTo []int
	rowTo, sc.strict.Matched = Assign(ss)
	_, sc.prop.Matched = Assign(sp)
	hit := make([]bool, len(ps))
	for i, j := range rowTo {
		if j >= 0 && ss[i][j] > 0 {
			hit[j] = true
		} else if len(gn[i]) > 0 {
			sc.missed = append(sc.missed, gn[i])
		}
	}
	for j, h := range hit {
		if !h {
			sc.wrong = append(sc.wrong, pn[j])
		}
	}
	return sc
}

// StrictSim is CEAF-REE's strict similarity: 1 when every mention of the predicted entity
// p is a mention of the gold entity g, else 0 (0 for an empty p).
func StrictSim(g, p map[string]bool) float64 {
	if len(p) > 0 && subsetOf(p, g) {
		return 1
	}
	return 0
}

// PropSim is CEAF-REE's proportional similarity: the fraction of p's distinct mentions
// found in g (0 for an empty p).
func PropSim(g, p map[string]bool) float64 {
	if len(p) == 0 {
		return 0
	}
	n := 0
	for m := range p {
		if g[m] {
			n++
		}
	}
	return float64(n) / float64(len(p))
}

// PredictionsFromDocs converts template predictions (or keys) to the role entities
// ScoreRoles takes, keyed by document id (TemplatesToRoles per document).
func PredictionsFromDocs(docs []muc4.Doc) map[string]map[string][]Entity {
	out := make(map[string]map[string][]Entity, len(docs))
	for _, d := range docs {
		out[d.ID] = TemplatesToRoles(d.Templates)
	}
	return out
}
