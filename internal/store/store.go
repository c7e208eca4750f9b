// Package store keeps reports, their extractions and the incidents fused from them.
//
// Store is the interface every backend implements (SQLite in store/sqlite; PostgreSQL
// can follow). It is deliberately small: reports are written once and never changed
// except for their extraction, and incidents are written whole by the fusion code in
// internal/fuse, which owns every rule about how reports combine. A backend only
// persists and returns what it is given. The shared conformance suite in
// store/storetest pins down the behaviour every backend must have.
//
// All writes happen inside Update, one transaction at a time, so a caller can store a
// report and fuse it into incidents atomically: a process killed at any moment leaves
// either both or neither.
package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"time"

	"github.com/sitrep/sitrep/internal/report"
)

// ErrNotFound is returned (wrapped) when a report or incident does not exist.
var ErrNotFound = errors.New("not found")

// Store is a database of reports and incidents. Implementations are safe for concurrent
// use by several goroutines; Update calls are serialised.
type Store interface {
	Reader
	// Update runs fn in one read-write transaction. The transaction commits when fn
	// returns nil and rolls back otherwise; fn's error is returned unchanged (wrapped at
	// most). The Tx must not be used after fn returns.
	Update(ctx context.Context, fn func(Tx) error) error
	// Close releases the database.
	Close() error
}

// Reader holds the queries, available on a Store and inside a transaction.
type Reader interface {
	// HasReport reports whether a report with this id, or with this normalised-text hash
	// (see TextHash), is stored. An empty hash matches nothing.
	HasReport(ctx context.Context, id, hash string) (bool, error)
	// GetReport returns the report with this id, or an error wrapping ErrNotFound.
	GetReport(ctx context.Context, id string) (*Report, error)
	// ReportIDs returns the ids of all stored reports ordered by (report time, id): the
	// order in which fusion from scratch must see them.
	ReportIDs(ctx context.Context) ([]string, error)
	// GetIncident returns the incident with this id, or an error wrapping ErrNotFound.
	GetIncident(ctx context.Context, id int64) (*Incident, error)
	// ListIncidents returns the incidents that pass f, whole, ordered by id.
	ListIncidents(ctx context.Context, f Filter) ([]*Incident, error)
	// Counts returns how many rows the main tables hold.
	Counts(ctx context.Context) (Counts, error)
}

// Tx is one read-write transaction.
type Tx interface {
	Reader
	// PutReport stores r unless a report with the same id or the same normalised text is
	// already stored. It reports whether r was new. It fills r.Hash when empty and sets
	// r.IngestedAt to now (UTC, whole seconds) when zero.
	PutReport(ctx context.Context, r *Report) (bool, error)
	// SetExtraction replaces the stored extraction of report id.
	SetExtraction(ctx context.Context, id string, x report.Report) error
	// Candidates returns the incidents fusion may match against: those whose Anchor lies
	// in [from, to] (YYYY-MM-DD, inclusive), ordered by id. They are partial, holding
	// only what matching reads: the incident's own fields, Names and Claims; the other
	// slices are nil. GetIncident returns the whole incident.
	Candidates(ctx context.Context, from, to string) ([]*Incident, error)
	// CreateIncident stores a new incident and returns its id, which it also sets on in.
	// Ids are positive, increase, and restart at 1 after ResetIncidents.
	CreateIncident(ctx context.Context, in *Incident) (int64, error)
	// UpdateIncident replaces the stored incident in.ID, with all its parts, by in.
	UpdateIncident(ctx context.Context, in *Incident) error
	// DeleteIncident removes an incident and all its parts.
	DeleteIncident(ctx context.Context, id int64) error
	// ResetIncidents removes every incident and its parts, keeping the reports, and
	// restarts incident ids at 1.
	ResetIncidents(ctx context.Context) error
}

// Report is one stored input report with its extraction.
type Report struct {
	ID        string `json:"id"`
	Text      string `json:"text"`
	Title     string `json:"title,omitempty"`
	Source    string `json:"source,omitempty"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"` // as given: RFC 3339 or YYYY-MM-DD, "" when unknown
	Dateline  string `json:"dateline,omitempty"`
	// Hash is TextHash(Text); PutReport fills it when empty.
	Hash string `json:"hash"`
	// Extraction is what the extractor made of the report.
	Extraction report.Report `json:"extraction"`
	// IngestedAt is when the report was first stored, UTC, whole seconds.
	IngestedAt time.Time `json:"ingested_at"`
}

// Time is the report time used to order reports and figures: the publication time when
// it parses (RFC 3339, or YYYY-MM-DD read as midnight UTC), else IngestedAt. It is UTC
// and truncated to whole seconds.
func (r *Report) Time() time.Time {
	if t, ok := ParseTime(r.Published); ok {
		return t
	}
	return r.IngestedAt.UTC().Truncate(time.Second)
}

// ParseTime reads a publication time: RFC 3339 (with or without fractional seconds),
// "YYYY-MM-DDTHH:MM:SS" (read as UTC) or "YYYY-MM-DD". The result is UTC, whole seconds.
func ParseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC().Truncate(time.Second), true
		}
	}
	return time.Time{}, false
}

// TimeFormat is how times are written in the database and in exports: RFC 3339 in UTC
// with whole seconds, so that text order is time order.
const TimeFormat = "2006-01-02T15:04:05Z"

// FormatTime writes t in TimeFormat; the zero time becomes "".
func FormatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(TimeFormat)
}

// NormalizeText is the form two texts must share to count as the same report: white
// space runs squeezed to one space, trimmed, lowercased.
func NormalizeText(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// TextHash is the hex SHA-256 of NormalizeText(s).
func TextHash(s string) string {
	sum := sha256.Sum256([]byte(NormalizeText(s)))
	return hex.EncodeToString(sum[:])
}

// Incident is one real-world incident fused from one or more reports.
type Incident struct {
	ID    int64               `json:"id"`
	Type  report.IncidentType `json:"type"`
	Stage report.Stage        `json:"stage"`
	// Date is the incident date (YYYY-MM-DD), "" when no report gave one.
	Date string `json:"date"`
	// Anchor is the date fusion matches on: Date, else the date of the first report's time.
	Anchor  string `json:"anchor"`
	Place   string `json:"place"`
	Admin   string `json:"admin"`
	Country string `json:"country"`
	// Figures is the timeline of every figure every linked report gave, in fusion order.
	Figures []Figure `json:"figures"`
	// Totals is the current best value and range per category, in report.Categories order.
	Totals []Total `json:"totals"`
	// Claims is every perpetrator link every report made.
	Claims  []Claim  `json:"claims"`
	Weapons []Weapon `json:"weapons"`
	// Names are the proper names (victims, targets) fusion matches on, sorted.
	Names []string `json:"names"`
	Flags []Flag   `json:"flags"`
	// Reports are the linked reports ordered by (time, id).
	Reports []ReportRef `json:"reports"`
	// FirstSeen and LastUpdated are the earliest and latest report times of the linked
	// reports (not wall-clock times), so re-fusing gives the same values.
	FirstSeen   time.Time `json:"first_seen"`
	LastUpdated time.Time `json:"last_updated"`
}

// ReportRef links an incident to a report.
type ReportRef struct {
	ID   string    `json:"id"`
	Time time.Time `json:"time"`
	// Index is the position of the matched incident in the report's extraction.
	Index int `json:"index"`
}

// Figure is one point of a figure timeline: what one report said about one category.
type Figure struct {
	Category  report.Category  `json:"category"`
	Value     int              `json:"value"`
	Min       *int             `json:"min"`
	Max       *int             `json:"max"`
	Qualifier report.Qualifier `json:"qualifier"`
	SubsetOf  report.Category  `json:"subset_of,omitempty"`
	// Source is who the report says gave the figure, "" when unattributed.
	Source string `json:"source"`
	// Outlet is the reporting outlet (the report's source), "" when unknown.
	Outlet     string    `json:"outlet"`
	ReportID   string    `json:"report"`
	ReportTime time.Time `json:"report_time"`
	// Seq is the figure's position in its report's incident, to keep order stable.
	Seq int `json:"seq"`
	// Best is the extractor's own mark: the report's best figure for the category.
	Best bool `json:"best"`
	// Current is fusion's mark: this point is the incident's current best value.
	Current bool `json:"current"`
}

// Total is an incident's current value for one figure category.
type Total struct {
	Category report.Category `json:"category"`
	// Best is the current best value, Conservative its lower bound, High the highest value
	// any source currently gives.
	Best         int `json:"best"`
	Conservative int `json:"conservative"`
	High         int `json:"high"`
	// Qualifier, Source and ReportID describe the figure Best comes from.
	Qualifier report.Qualifier `json:"qualifier"`
	Source    string           `json:"source"`
	ReportID  string           `json:"report"`
}

// Claim is one report linking a perpetrator to the incident.
type Claim struct {
	Name       string           `json:"name"`
	Mention    string           `json:"mention"`
	Kind       report.ActorKind `json:"kind"`
	Status     report.Status    `json:"status"`
	Channel    string           `json:"channel"`
	Source     string           `json:"source"`
	ReportID   string           `json:"report"`
	ReportTime time.Time        `json:"report_time"`
}

// Weapon is a weapon a report mentions for the incident.
type Weapon struct {
	Category report.WeaponCategory `json:"category"`
	Text     string                `json:"text"`
	ReportID string                `json:"report"`
}

// Flag is something a fact-checker would question about the incident.
type Flag struct {
	Kind    report.FlagKind `json:"kind"`
	Message string          `json:"message"`
	// ReportID is the report the flag comes from, "" for flags fusion raised across reports.
	ReportID string `json:"report"`
}

// Filter selects incidents. Zero fields select everything.
type Filter struct {
	// Since keeps incidents whose Date (or Anchor, when Date is unknown) is on or after
	// this YYYY-MM-DD.
	Since string
	// Type keeps incidents of this type.
	Type report.IncidentType
	// Country keeps incidents in this country, compared case-insensitively.
	Country string
	// Q keeps incidents whose place, admin, country, perpetrator names, weapons, or
	// linked reports' title or text contain Q, case-insensitively.
	Q string
	// Limit caps the number returned when positive.
	Limit int
}

// Counts are row counts, for summaries and consistency checks.
type Counts struct {
	Reports   int `json:"reports"`
	Incidents int `json:"incidents"`
	Figures   int `json:"figures"`
	Claims    int `json:"claims"`
	Flags     int `json:"flags"`
	Links     int `json:"links"`
}
