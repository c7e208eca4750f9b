package lexicon

import (
	"strings"

	"github.com/sitrep/sitrep/internal/segment"
)

// Gazetteer lexicon names.
const (
	Countries = "countries" // category "country": attrs iso, iso3, demonym, official
	Admins    = "admin"     // category "admin": attrs country, iso (of the country), code, type
	Places    = "places"    // category "city": attrs country, iso, admin, pop, capital
	Groups    = "groups"    // categories "organization", "outlet"
	Weapons   = "weapons"   // category = weapon class: firearms, explosives, incendiary, ...
)

// Lookup returns the entries one of whose phrases spells all of name (case rules apply as in
// running text; the winning entry first, then its alternatives), or nil: m.Lookup("ISIS")
// is the Islamic State entry, m.Lookup("the ISIS attack") is nil.
func (m *Matcher) Lookup(name string) []*Entry { return lookup(m, name) }

func lookup(m *Matcher, name string) []*Entry {
	d := segment.New(strings.TrimSpace(name))
	if len(d.Tokens) == 0 {
		return nil
	}
	ms := m.Find(d)
	if len(ms) != 1 || ms[0].Start != 0 || ms[0].End != len(d.Tokens) || ms[0].Partial {
		return nil
	}
	return m.Alternatives(ms[0])
}

// Country returns the country named by a name, alias or demonym ("Russia", "Russian
// Federation", "Russians", "U.S.", "UK").
func Country(nameOrDemonym string) (*Entry, bool) {
	es := lookup(MustLoad(Countries), nameOrDemonym)
	if len(es) == 0 {
		return nil, false
	}
	return es[0], true
}

// CountryByISO returns the country with the ISO 3166-1 alpha-2 or alpha-3 code (any case).
func CountryByISO(code string) (*Entry, bool) {
	code = strings.ToUpper(strings.TrimSpace(code))
	for _, e := range MustLoad(Countries).Entries() {
		if e.Attrs["iso"] == code || e.Attrs["iso3"] == code {
			return e, true
		}
	}
	return nil, false
}

// CountryOf returns the country entry that a place, admin or country entry belongs to (its
// "country" attribute, or itself for a country).
func CountryOf(e *Entry) (*Entry, bool) {
	if e == nil {
		return nil, false
	}
	if e.Category == "country" {
		return e, true
	}
	if iso := e.Attrs["iso"]; iso != "" {
		return CountryByISO(iso)
	}
	if c := e.Attrs["country"]; c != "" {
		return Country(c)
	}
	return nil, false
}

// Admin returns the first-level subdivisions called name, restricted to the country named
// country when it is not empty ("Antioquia", "Colombia").
func Admin(name, country string) []*Entry {
	return filterCountry(lookup(MustLoad(Admins), name), country)
}

// Place returns the cities and towns called name, the most populous first, restricted to the
// country named country when it is not empty.
func Place(name, country string) []*Entry {
	return filterCountry(lookup(MustLoad(Places), name), country)
}

func filterCountry(es []*Entry, country string) []*Entry {
	if country == "" {
		return es
	}
	c, ok := Country(country)
	if !ok {
		return nil
	}
	var out []*Entry
	for _, e := range es {
		if e.Attrs["country"] == c.Canonical {
			out = append(out, e)
		}
	}
	return out
}
