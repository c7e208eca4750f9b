// Package lexicon holds sitrep's word lists — armed groups, weapons, places, trigger words,
// attribution cues — as embedded TSV data files, and compiles one or several of them into a
// Matcher that finds their phrases in a segmented text.
//
// # File format
//
// Each lexicon NAME is the UTF-8 file data/NAME.tsv, optionally accompanied by
// data/NAME.exclude.tsv. Lines starting with '#' are comments (the header at the top says
// source, licence, date and edits); blank lines are skipped. Every other line is an entry:
//
//	id<TAB>category<TAB>canonical<TAB>phrases<TAB>attrs
//
// phrases are alternative surface forms separated by '|' (may be empty; the canonical name is
// always matched too); attrs is optional, "key=value;key=value". A phrase prefixed with '='
// is case-sensitive: it matches only where the text's tokens are capitalised exactly as
// written in the lexicon (each rune's upper/lower case agrees), and never in an AllCaps
// document. If the phrases hold the canonical name itself with a '=' prefix, the canonical is
// matched only case-sensitively. IDs are unique within a file.
//
// NAME.exclude.tsv holds one phrase per line (also '='-prefixable). An exclusion phrase takes
// part in the leftmost-longest competition like any other phrase; where it wins, the tokens it
// covers yield no match ("shell company" hides "shell"). Exclusions apply to the whole
// Matcher, not only to the entries of their own file.
//
// # Matching
//
// Phrases are tokenized with segment.Tokenize and compared by token Norm, so the text and
// the lexicon agree on case folding, quotes, dashes and possessives ("Islamic State's"
// matches "Islamic State"). Spelling variants are added automatically: a token with inner
// hyphens also matches as separate words ("al-Shabaab" matches "al Shabaab"), a phrase of two
// to four words also matches hyphen-joined ("car bomb" matches "car-bomb"), and a final
// dotted abbreviation also matches at the very end of a text ("U.S." + "."). A phrase may also
// end before a hyphen inside the last token it touches ("Hamas" in "Hamas-run"): such a match
// covers the whole token and has Match.Partial set.
//
// Matching is leftmost-longest and non-overlapping (see Matcher). Where several entries
// share a phrase, entries without a numeric "pop" attribute come first, in the order their
// lexicons were given to Load and their lines appear, then the others by decreasing pop; the
// first whose case constraint holds is the match's Entry, Matcher.Alternatives lists all.
package lexicon

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed data/*.tsv
var dataFS embed.FS

// Entry is one lexicon entry.
type Entry struct {
	ID, Category, Canonical string
	Attrs                   map[string]string
	File                    string   // lexicon name, e.g. "groups"
	Phrases                 []string // surface forms as written in the file (with a leading '=' when case-sensitive), canonical first
	Line                    int      // line number in the file, for messages
}

// Attr returns the value of attribute key, or "".
func (e *Entry) Attr(key string) string { return e.Attrs[key] }

// AttrList returns the '|'-separated values of attribute key ("demonym=Russian|Russians").
func (e *Entry) AttrList(key string) []string {
	v := e.Attrs[key]
	if v == "" {
		return nil
	}
	return strings.Split(v, "|")
}

// Lexicon is one parsed lexicon file (and its exclusions) before compilation.
type Lexicon struct {
	Name    string
	Entries []*Entry
	Exclude []string // exclusion phrases, '='-prefixed when case-sensitive
}

// Parse parses the TSV content of lexicon name. Errors name the line: "name.tsv:12: reason".
func Parse(name string, data []byte) (*Lexicon, error) {
	lx := &Lexicon{Name: name}
	seen := map[string]int{}
	var errs []error
	fail := func(line int, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s.tsv:%d: %s", name, line, fmt.Sprintf(format, args...)))
	}
	for n, line := range splitLines(data) {
		ln := n + 1
		if !utf8.ValidString(line) {
			fail(ln, "invalid UTF-8")
			continue
		}
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 3 || len(f) > 5 {
			fail(ln, "want 3 to 5 tab-separated fields (id, category, canonical, phrases, attrs), got %d", len(f))
			continue
		}
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		e := &Entry{ID: f[0], Category: f[1], Canonical: f[2], File: name, Line: ln}
		switch {
		case e.ID == "":
			fail(ln, "empty id")
			continue
		case strings.ContainsAny(e.ID, " |;="):
			fail(ln, "id %q holds a space, '|', ';' or '='", e.ID)
			continue
		case e.Category == "":
			fail(ln, "empty category")
			continue
		case e.Canonical == "" || strings.HasPrefix(e.Canonical, "="):
			fail(ln, "empty canonical or canonical starting with '='")
			continue
		}
		if prev, dup := seen[e.ID]; dup {
			fail(ln, "duplicate id %q (first on line %d)", e.ID, prev)
			continue
		}
		seen[e.ID] = ln
		if !hasToken(e.Canonical) {
			fail(ln, "canonical %q has no tokens", e.Canonical)
			continue
		}
		e.Phrases = []string{e.Canonical}
		ok := true
		if len(f) > 3 && f[3] != "" {
			for _, p := range strings.Split(f[3], "|") {
				p = strings.TrimSpace(p)
				if p == "" {
					fail(ln, "empty phrase in %q", f[3])
					ok = false
					break
				}
				if !hasToken(strings.TrimPrefix(p, "=")) {
					fail(ln, "phrase %q has no tokens", p)
					ok = false
					break
				}
				e.Phrases = append(e.Phrases, p)
			}
		}
		if !ok {
			continue
		}
		if len(f) > 4 && f[4] != "" {
			e.Attrs = map[string]string{}
			for _, kv := range strings.Split(f[4], ";") {
				kv = strings.TrimSpace(kv)
				if kv == "" {
					continue
				}
				k, v, found := strings.Cut(kv, "=")
				k = strings.TrimSpace(k)
				if !found || k == "" {
					fail(ln, "attribute %q is not key=value", kv)
					ok = false
					break
				}
				if _, dup := e.Attrs[k]; dup {
					fail(ln, "duplicate attribute %q", k)
					ok = false
					break
				}
				e.Attrs[k] = strings.TrimSpace(v)
			}
		}
		if !ok {
			continue
		}
		lx.Entries = append(lx.Entries, e)
	}
	return lx, errors.Join(errs...)
}

// ParseExclude parses the content of name.exclude.tsv into lx.Exclude.
func (lx *Lexicon) ParseExclude(data []byte) error {
	var errs []error
	for n, line := range splitLines(data) {
		if !utf8.ValidString(line) {
			errs = append(errs, fmt.Errorf("%s.exclude.tsv:%d: invalid UTF-8", lx.Name, n+1))
			continue
		}
		p := strings.TrimSpace(line)
		if p == "" || strings.HasPrefix(p, "#") {
			continue
		}
		if strings.Contains(p, "\t") {
			errs = append(errs, fmt.Errorf("%s.exclude.tsv:%d: want one phrase per line, found a tab", lx.Name, n+1))
			continue
		}
		if !hasToken(strings.TrimPrefix(p, "=")) {
			errs = append(errs, fmt.Errorf("%s.exclude.tsv:%d: phrase %q has no tokens", lx.Name, n+1, p))
			continue
		}
		lx.Exclude = append(lx.Exclude, p)
	}
	return errors.Join(errs...)
}

// hasToken reports whether segment.Tokenize finds a token in s: whether s holds a rune that
// is not white space.
func hasToken(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) && r != '\u00a0' && r != '\u200b' && r != '\ufeff' && r != '\u202f' {
			return true
		}
	}
	return false
}

func splitLines(data []byte) []string {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	s := strings.ReplaceAll(string(data), "\r\n", "\n")
	return strings.Split(s, "\n")
}

// Names returns the names of the embedded lexicons (without exclusion files), sorted.
func Names() []string {
	des, _ := fs.ReadDir(dataFS, "data")
	var out []string
	for _, de := range des {
		n := de.Name()
		if strings.HasSuffix(n, ".tsv") && !strings.HasSuffix(n, ".exclude.tsv") {
			out = append(out, strings.TrimSuffix(n, ".tsv"))
		}
	}
	sort.Strings(out)
	return out
}

// Read parses the embedded lexicon name and its exclusion file, if any.
func Read(name string) (*Lexicon, error) {
	data, err := dataFS.ReadFile("data/" + name + ".tsv")
	if err != nil {
		return nil, fmt.Errorf("lexicon %q: %w", name, err)
	}
	lx, err := Parse(name, data)
	if err != nil {
		return nil, err
	}
	if ex, err := dataFS.ReadFile("data/" + name + ".exclude.tsv"); err == nil {
		if err := lx.ParseExclude(ex); err != nil {
			return nil, err
		}
	}
	return lx, nil
}

// Load compiles the embedded lexicons names into one Matcher. Where several entries share a
// phrase, the entry loaded first wins (lexicons in argument order, entries in file order);
// Matcher.Alternatives lists the others.
func Load(names ...string) (*Matcher, error) {
	if len(names) == 0 {
		return nil, errors.New("lexicon: no lexicon names given")
	}
	lxs := make([]*Lexicon, 0, len(names))
	for _, n := range names {
		lx, err := Read(n)
		if err != nil {
			return nil, err
		}
		lxs = append(lxs, lx)
	}
	return Compile(lxs...)
}

var (
	cacheMu sync.Mutex
	cache   = map[string]*Matcher{}
)

// MustLoad is Load for package-level variables: it panics on error and returns the same
// Matcher for the same list of names.
func MustLoad(names ...string) *Matcher {
	key := strings.Join(names, "\x00")
	cacheMu.Lock()
	defer cacheMu.Unlock()
	if m, ok := cache[key]; ok {
		return m
	}
	m, err := Load(names...)
	if err != nil {
		panic(err)
	}
	cache[key] = m
	return m
}
