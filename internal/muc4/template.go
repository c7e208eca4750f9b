// Package muc4 produces MUC-4 answer-key templates from reports (sitrep read --format
// muc4) and reads the corpus' keys. Template mirrors one template of
// ../shared/data/muc4/keys-*.jsonl, so predictions and gold share one shape.
package muc4

// Fill is one line of a set-fill slot: the set item(s) and the string it refers to.
type Fill struct {
	Value []string `json:"value"`
	Ref   []string `json:"ref"`
}

// Template is one incident in the answer-key shape. Text-string slots hold entities, each
// a list of alternative strings; set-fill slots hold Fills. A nil slot is the key's "*"
// (does not apply), an empty one its "-" (no fill).
type Template struct {
	Template                   int              `json:"template"`
	Optional                   bool             `json:"optional"`
	IncidentDate               []Fill           `json:"incident_date"`
	IncidentLocation           []Fill           `json:"incident_location"`
	IncidentType               []Fill           `json:"incident_type"`
	IncidentStage              []Fill           `json:"incident_stage"`
	InstrumentID               [][]string       `json:"instrument_id"`
	InstrumentType             []Fill           `json:"instrument_type"`
	PerpCategory               []Fill           `json:"perp_category"`
	PerpIndividualID           [][]string       `json:"perp_individual_id"`
	PerpOrganizationID         [][]string       `json:"perp_organization_id"`
	PerpOrganizationConfidence []Fill           `json:"perp_organization_confidence"`
	PhysTgtID                  [][]string       `json:"phys_tgt_id"`
	PhysTgtType                []Fill           `json:"phys_tgt_type"`
	PhysTgtNumber              []Fill           `json:"phys_tgt_number"`
	PhysTgtNation              []Fill           `json:"phys_tgt_nation"`
	PhysTgtEffect              []Fill           `json:"phys_tgt_effect"`
	PhysTgtTotal               []Fill           `json:"phys_tgt_total"`
	HumTgtName                 [][]string       `json:"hum_tgt_name"`
	HumTgtDescription          [][]string       `json:"hum_tgt_description"`
	HumTgtType                 []Fill           `json:"hum_tgt_type"`
	HumTgtNumber               []Fill           `json:"hum_tgt_number"`
	HumTgtNation               []Fill           `json:"hum_tgt_nation"`
	HumTgtEffect               []Fill           `json:"hum_tgt_effect"`
	HumTgtTotal                []Fill           `json:"hum_tgt_total"`
	HumTgtDescriptionRef       [][]string       `json:"hum_tgt_description_ref"`
	IncidentDateISO            []*DateRange     `json:"incident_date_iso,omitempty"`
	OptionalFills              map[string][]int `json:"optional_fills,omitempty"`
}

// DateRange is the ISO reading of one incident_date alternative.
type DateRange struct {
	From *string `json:"from"`
	To   string  `json:"to"`
}

// Doc is one line of a keys file or of `sitrep read --format muc4`.
type Doc struct {
	ID        string     `json:"id"`
	Templates []Template `json:"templates"`
}
