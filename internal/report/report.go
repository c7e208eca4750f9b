// Package report holds the types of sitrep's output contract (../shared/OUTPUT.md):
// Report, Incident, Figure, Perpetrator, Statement, Flag and Span, with their JSON.
// It imports nothing internal, so every other package can depend on it.
package report

// Span is a half-open range of UTF-8 byte offsets into Report.Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len is the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether o lies inside s.
func (s Span) Contains(o Span) bool { return s.Start <= o.Start && o.End <= s.End }

// Of returns the evidence text the span covers, or "" when it is out of range.
func (s Span) Of(text string) string {
	if s.Start < 0 || s.End > len(text) || s.Start > s.End {
		return ""
	}
	return text[s.Start:s.End]
}

// IncidentType is the kind of violent incident.
type IncidentType string

// Incident types, spelt as in the JSON contract.
const (
	TypeArmedAssault   IncidentType = "armed_assault"
	TypeBombing        IncidentType = "bombing"
	TypeArson          IncidentType = "arson"
	TypeKidnapping     IncidentType = "kidnapping_hostage"
	TypeAssassination  IncidentType = "assassination"
	TypeVehicleRamming IncidentType = "vehicle_ramming"
	TypeAirDroneStrike IncidentType = "air_drone_strike"
	TypeStabbing       IncidentType = "stabbing"
	TypeOther          IncidentType = "other"
)

// Stage is how far an incident got.
type Stage string

// Stages of execution.
const (
	StageAccomplished Stage = "accomplished"
	StageAttempted    Stage = "attempted"
	StageFoiled       Stage = "foiled"
)

// Category is what a figure counts.
type Category string

// Figure categories.
const (
	Killed       Category = "killed"
	Injured      Category = "injured"
	Hospitalized Category = "hospitalized"
	Critical     Category = "critical"
	Missing      Category = "missing"
	Evacuated    Category = "evacuated"
	Rescued      Category = "rescued"
	Arrested     Category = "arrested"
	Displaced    Category = "displaced"
)

// Categories lists every figure category in display order.
var Categories = []Category{Killed, Injured, Hospitalized, Critical, Missing, Evacuated, Rescued, Arrested, Displaced}

// Qualifier is the hedge on a figure.
type Qualifier string

// Qualifiers.
const (
	Exact    Qualifier = "exact"
	AtLeast  Qualifier = "at_least"
	MoreThan Qualifier = "more_than"
	About    Qualifier = "about"
	UpTo     Qualifier = "up_to"
	Range    Qualifier = "range"
)

// Status is how a perpetrator is linked to an incident.
type Status string

// Perpetrator statuses.
const (
	Claimed        Status = "claimed"
	Accused        Status = "accused"
	Suspected      Status = "suspected"
	Denied         Status = "denied"
	ReportedAsFact Status = "reported_as_fact"
	Convicted      Status = "convicted"
)

// ActorKind is what sort of actor a perpetrator is.
type ActorKind string

// Actor kinds.
const (
	KindOrganization ActorKind = "organization"
	KindPerson       ActorKind = "person"
	KindState        ActorKind = "state"
	KindUnknown      ActorKind = "unknown"
)

// WeaponCategory groups weapons.
type WeaponCategory string

// Weapon categories.
const (
	WeaponFirearms   WeaponCategory = "firearms"
	WeaponExplosives WeaponCategory = "explosives"
	WeaponIncendiary WeaponCategory = "incendiary"
	WeaponVehicle    WeaponCategory = "vehicle"
	WeaponMelee      WeaponCategory = "melee"
	WeaponChemical   WeaponCategory = "chemical"
	WeaponAircraft   WeaponCategory = "aircraft_drone"
	WeaponOther      WeaponCategory = "other"
)

// FlagKind names what a fact-checker would question.
type FlagKind string

// Flag kinds.
const (
	FlagUnsupportedVerification FlagKind = "unsupported_verification"
	FlagUnsourcedClaim          FlagKind = "unsourced_claim"
	FlagContradiction           FlagKind = "contradiction"
)

// Report is one input report with everything extracted from it.
type Report struct {
	ID         string      `json:"id"`
	Title      *string     `json:"title"`
	Source     *string     `json:"source"`
	URL        *string     `json:"url"`
	Published  *string     `json:"published"`
	Text       string      `json:"text"`
	Incidents  []Incident  `json:"incidents"`
	Statements []Statement `json:"statements"`
	Flags      []Flag      `json:"flags"`
}

// Incident is one violent incident a report describes.
type Incident struct {
	Type         IncidentType  `json:"type"`
	Stage        Stage         `json:"stage"`
	Date         *Date         `json:"date"`
	Location     *Location     `json:"location"`
	Figures      []Figure      `json:"figures"`
	Perpetrators []Perpetrator `json:"perpetrators"`
	Targets      []Target      `json:"targets"`
	Victims      []Victim      `json:"victims"`
	Weapons      []Weapon      `json:"weapons"`
}

// Date is when an incident happened, with the words it was read from.
type Date struct {
	Value *string `json:"value"`
	Text  string  `json:"text"`
	Span  Span    `json:"span"`
}

// Location is where an incident happened.
type Location struct {
	Place   *string `json:"place"`
	Admin   *string `json:"admin"`
	Country *string `json:"country"`
	Span    Span    `json:"span"`
	// City is the city or town when Place names something smaller in it (a venue,
	// a street). (An addition to OUTPUT.md.)
	City *string `json:"city,omitempty"`
}

// Figure is one stated count of people.
type Figure struct {
	Category  Category  `json:"category"`
	Value     int       `json:"value"`
	Min       *int      `json:"min"`
	Max       *int      `json:"max"`
	Qualifier Qualifier `json:"qualifier"`
	SubsetOf  *Category `json:"subset_of"`
	Best      bool      `json:"best"`
	Source    *string   `json:"source"`
	Span      Span      `json:"span"`
	// Context says why a figure cannot be the incident's total, when it cannot: it counts
	// the attackers, is a partial count, an earlier estimate, or belongs to another incident
	// or a cumulative total. Empty for candidate totals. (An addition to OUTPUT.md.)
	Context FigureContext `json:"context,omitempty"`
	// DerivedFrom names the category a figure was read from when the report states no
	// figure of its own category: 145 hospitalized are at least 145 injured. (An addition
	// to OUTPUT.md.)
	DerivedFrom *Category `json:"derived_from,omitempty"`
}

// FigureContext qualifies a figure that is not a candidate total.
type FigureContext string

// Figure contexts.
const (
	ContextAttackers     FigureContext = "attackers"      // "three gunmen were killed"
	ContextPartial       FigureContext = "partial"        // "including 3 children"
	ContextEarlier       FigureContext = "earlier"        // "initial estimates of a death toll of 11"
	ContextOtherIncident FigureContext = "other_incident" // another attack, or a cumulative total
)

// Perpetrator is an actor linked to an incident, with how it is linked.
type Perpetrator struct {
	Name    string    `json:"name"`
	Mention string    `json:"mention"`
	Kind    ActorKind `json:"kind"`
	Status  Status    `json:"status"`
	Channel *string   `json:"channel"`
	Source  *string   `json:"source"`
	Span    Span      `json:"span"`
}

// Target is a physical target: a building, venue or vehicle.
type Target struct {
	Text string `json:"text"`
	Kind string `json:"kind"`
	Span Span   `json:"span"`
}

// Victim is a person or group harmed or targeted.
type Victim struct {
	Text string `json:"text"`
	Span Span   `json:"span"`
}

// Weapon is a weapon mention with its category.
type Weapon struct {
	Category WeaponCategory `json:"category"`
	Text     string         `json:"text"`
	Span     Span           `json:"span"`
}

// Statement is who said what.
type Statement struct {
	Speaker string `json:"speaker"`
	Cue     string `json:"cue"`
	Text    string `json:"text"`
	Quoted  bool   `json:"quoted"`
	Span    Span   `json:"span"`
}

// Flag is something a fact-checker would question.
type Flag struct {
	Kind    FlagKind `json:"kind"`
	Message string   `json:"message"`
	Span    Span     `json:"span"`
}

// Best returns the figure marked best for category c, or nil.
func (in *Incident) Best(c Category) *Figure {
	for i := range in.Figures {
		if in.Figures[i].Category == c && in.Figures[i].Best {
			return &in.Figures[i]
		}
	}
	return nil
}

// Normalize replaces nil slices with empty ones so that JSON shows [] rather than null,
// as the contract asks.
func (r *Report) Normalize() {
	if r.Incidents == nil {
		r.Incidents = []Incident{}
	}
	if r.Statements == nil {
		r.Statements = []Statement{}
	}
	if r.Flags == nil {
		r.Flags = []Flag{}
	}
	for i := range r.Incidents {
		in := &r.Incidents[i]
		if in.Figures == nil {
			in.Figures = []Figure{}
		}
		if in.Perpetrators == nil {
			in.Perpetrators = []Perpetrator{}
		}
		if in.Targets == nil {
			in.Targets = []Target{}
		}
		if in.Victims == nil {
			in.Victims = []Victim{}
		}
		if in.Weapons == nil {
			in.Weapons = []Weapon{}
		}
	}
}

// Str returns a pointer to s, or nil when s is empty.
func Str(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// Int returns a pointer to n.
func Int(n int) *int { return &n }
