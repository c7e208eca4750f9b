package report

// Document is one input report as the readers deliver it, before extraction. Text is
// fixed here: every span that extraction produces indexes it.
type Document struct {
	ID        string `json:"id"`
	Text      string `json:"text"`
	Title     string `json:"title,omitempty"`
	Source    string `json:"source,omitempty"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"` // RFC 3339 or YYYY-MM-DD; "" when unknown
	Dateline  string `json:"dateline,omitempty"`  // "LIMA, 10 JAN 90", when the input has one
}
