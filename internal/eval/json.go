package eval

import "encoding/json"

// MarshalJSON writes the counts with precision, recall and F1 in percent.
func (c Counts) MarshalJSON() ([]byte, error) {
	type plain Counts
	return json.Marshal(struct {
		plain
		P  float64 `json:"p"`
		R  float64 `json:"r"`
		F1 float64 `json:"f1"`
	}{plain(c), 100 * c.P(), 100 * c.R(), 100 * c.F1()})
}

// MarshalJSON writes the counts with precision, recall and F1 in percent.
func (s SetCounts) MarshalJSON() ([]byte, error) {
	type plain SetCounts
	return json.Marshal(struct {
		plain
		P  float64 `json:"p"`
		R  float64 `json:"r"`
		F1 float64 `json:"f1"`
	}{plain(s), 100 * s.P(), 100 * s.R(), 100 * s.F1()})
}

// MarshalJSON writes the tally with its accuracy in percent.
func (t Tally) MarshalJSON() ([]byte, error) {
	type plain Tally
	return json.Marshal(struct {
		plain
		Pct float64 `json:"pct"`
	}{plain(t), t.Pct()})
}

// MarshalJSON writes the per-role counts plus their micro average under "micro".
func (s RoleScores) MarshalJSON() ([]byte, error) {
	m := make(map[string]Counts, len(s)+1)
	for k, v := range s {
		m[k] = v
	}
	m["micro"] = s.Micro()
	return json.Marshal(m)
}

// MarshalJSON writes the report's counts and, under "metrics", every Metrics value.
func (r IncidentReport) MarshalJSON() ([]byte, error) {
	type plain IncidentReport
	return json.Marshal(struct {
		Metrics []Metric `json:"metrics"`
		plain
	}{r.Metrics(), plain(r)})
}
