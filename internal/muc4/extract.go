package muc4

import (
	"github.com/sitrep/sitrep/internal/report"
)

// How extraction works (all weights and lexicons are learned from the 1,300 dev
// documents by Train and embedded as data/model.json.gz):
//
//  1. The text is segmented (internal/segment); every span of up to 8 tokens inside a
//     sentence that does not cross punctuation and neither starts nor ends with a
//     function word is a candidate, if its string, head or first word was a filler in
//     training or it looks like a name (two to four rare words).
//  2. A document model (multinomial logistic regression over words, trigger stems,
//     dateline words and the document's shape: what its lead reports, whether a violent
//     act is placed on a recent day, how many sentences report one, how much is quoted
//     speech, the balance of military and civilian words) gives the probability that
//     the document reports a relevant incident and its incident type; a sentence model
//     gives each sentence's probability of holding a filler.
//  3. A candidate model (multinomial logistic regression) scores every occurrence from
//     the span's words, learned priors P(role | string, head, first word), word document
//     frequencies (names are rare words), the words around it, the nearest trigger
//     words on each side, the sentence's triggers and relevance, and the document's
//     relevance. Its classes are none, the five roles and the keys' human-target
//     descriptions ("PEASANTS", "SOLDIERS"): those are not Victim fillers (names only)
//     but stand where victims stand, and as "none" they would count against victims'
//     contexts.
//  4. A second stage (averaged SGD) rescores each distinct string per role from its best
//     and summed occurrence scores, its rank in the document, where and how often it
//     occurs, competing longer or shorter strings, whether it is the agent or the
//     patient of a verb ("X KILLED", "BY X", "X WAS KILLED", "MURDER OF X"), whether it
//     stands as a whole phrase, for victims whether it sits next to harm or speech
//     words or in sentences about an earlier year, and for targets whether it is the
//     object or the place of a damaging act ("DESTROYED X", "ATTACK ON X") and how often
//     its head word ends a target in training (target.go).
//     Boosted regression trees (trees.go) then correct each second-stage probability
//     from dense features of the string among the document's strings (its first- and
//     second-stage scores and ranks, competing longer and shorter strings, its best
//     score in another role, its contexts, the role's score mass in the document, the
//     training priors of the string, its head and its first word): interactions the
//     linear stages cannot express.
//  5. A role gate (gate.go) gives the probability that the document fills each role at
//     all, from the second-stage scores of that role and the others, the relevance and
//     the incident type: over half the wrong fillers filled a role the key leaves empty.
//  6. Fillers above per-role thresholds, in roles whose gate passes, are kept, best
//     first, one role per string, at most a per-role number, and never two strings of a
//     role that contain one another or are aliases (learned from the keys, or glossed in
//     the text as "X [Y]"), so each entity is output with one mention.
//  7. Boundaries follow the keys: a victim's name widens to the document's fullest form
//     of it and loses leading titles ("MINISTER RODRIGUEZ PORTH" -> "JOSE ANTONIO
//     RODRIGUEZ PORTH"); a target takes its "OF ..." phrase ("HOUSE OF JUDGE ...");
//     then a boundary model (boundary.go) chooses among the filler's forms in the text
//     (a quantity in front, "GROUP OF ...", a title or verb dropped) the one the keys
//     would write; it never widens an individual perpetrator, as the keys write those
//     with and without their modifiers alike. A picked victim that stands in a list of
//     names next to an act done to people brings the list's other names (lists.go):
//     the keys name everyone in "THE FOLLOWING POLICEMEN DIED: MAJOR X, CAPTAIN Y, ...".
//  8. The fillers are split into one template per incident the text tells apart
//     (split.go), each with its type, date, place and stage; a learned ranker
//     (place.go) chooses each incident's place among the places the text names.
//
// The priors the candidate model is trained with are cross-fitted over 10 contiguous
// blocks of dev: consecutive dev documents often report one event, and priors that
// leave out only the document itself would already know the event's fillers.
//
// The second stage, the trees, the boundary model and the gate are trained on out-of-fold
// scores of dev (10 folds, DefaultFolds); thresholds, caps and gates are tuned on the same
// out-of-fold scores, on coarse grids (nested cross-validation showed finer ones fit
// noise).

// Extract returns the MUC-4 templates of doc: one per incident it reports (see
// splitIncidents), none when it reports no relevant incident.
// It is deterministic, safe for concurrent use and never panics; without a usable embedded
// model it returns nil.
func Extract(doc report.Document) (out []Template) {
	m, err := LoadModel()
	if err != nil {
		return nil
	}
	defer func() {
		if recover() != nil {
			out = nil
		}
	}()
	return m.Extract(doc)
}

// prediction is the model's reading of one document.
type prediction struct {
	rel     float64
	typ     string
	fillers []picked
	sentRel []float64 // relevance of each sentence; nil when not computed
}

func (m *Model) predict(a *analysis) prediction {
	dc := m.docContext(a)
	pr := prediction{rel: dc.rel, typ: dc.typ}
	if pr.rel < m.RelThresh {
		return pr
	}
	pr.sentRel = m.sentRel(a)
	scores := m.roleScores(a, pr.rel, pr.sentRel, nil)
	rescore(m.Stage2, scores, dc)
	stage3Apply(m.Stage3, scores, dc, m.Lex)
	gateProbs(m.Gate, scores, &dc)
	pr.fillers = pickFillers(a, m.Lex, m.Bound, scores, gateThresh(m.Thresh, m.RoleGate, dc), m.MaxPer, aliasFunc(m.Lex, a))
	return pr
}

// Extract is the package-level Extract with an explicit model.
func (m *Model) Extract(doc report.Document) []Template {
	a := analyse(doc.Text)
	a.dateline = doc.Dateline
	pr := m.predict(a)
	if len(pr.fillers) == 0 {
		return nil
	}
	return m.incidentTemplates(doc, a, pr)
}

func fill(v string) []Fill { return []Fill{{Value: []string{v}}} }

// template is the document's one template: its fillers, with the type, stage, date and
// place of the document's incident.
func (m *Model) template(doc report.Document, a *analysis, pr prediction) Template {
	t := fillerTemplate(a, pr.typ, pr.fillers)
	t.IncidentStage = fill(incidentStage(a))
	if d := incidentDate(a, doc.Published); d != "" {
		t.IncidentDate = fill(d)
	} else {
		t.IncidentDate = []Fill{}
	}
	if l := m.incidentLocation(a, doc, pr.sentRel); l != "" {
		t.IncidentLocation = fill(l)
	} else {
		t.IncidentLocation = []Fill{}
	}
	return t
}

// fillerTemplate is a template of type typ holding fillers; its stage, date and place are
// the caller's to set.
func fillerTemplate(a *analysis, typ string, fillers []picked) Template {
	t := Template{Template: 1}
	t.IncidentType = fill(typ)
	t.InstrumentID = [][]string{}
	t.PerpIndividualID = [][]string{}
	t.PerpOrganizationID = [][]string{}
	t.PerpOrganizationConfidence = []Fill{}
	t.PhysTgtID = [][]string{}
	t.HumTgtName = [][]string{}
	t.HumTgtEffect = []Fill{}
	for _, f := range fillers {
		ent := []string{a.spanText(f.s.cand)}
		switch f.role {
		case PerpInd:
			t.PerpIndividualID = append(t.PerpIndividualID, ent)
		case PerpOrg:
			t.PerpOrganizationID = append(t.PerpOrganizationID, ent)
			t.PerpOrganizationConfidence = append(t.PerpOrganizationConfidence,
				Fill{Value: []string{orgConfidence(a, f.s)}, Ref: ent})
		case Target:
			t.PhysTgtID = append(t.PhysTgtID, ent)
		case Victim:
			t.HumTgtName = append(t.HumTgtName, ent)
			if e := humEffect(a, f.s); e != "" {
				t.HumTgtEffect = append(t.HumTgtEffect, Fill{Value: []string{e}, Ref: ent})
			}
		case Weapon:
			t.InstrumentID = append(t.InstrumentID, ent)
		}
	}
	return t
}
