package lexicon

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/segment"
)

// Matcher is a compiled set of lexicons: a trie over token Norms. Find scans a document once,
// left to right, with leftmost-longest, non-overlapping semantics: at each token it takes the
// longest phrase that starts there and whose case constraints hold ("Islamic State Khorasan
// Province" beats "Islamic State", "car bomb" beats "car"), emits it and continues after it;
// where no phrase starts, it moves one token on. Where the winning phrase is an exclusion,
// the tokens it covers yield nothing. A Matcher is immutable and safe for concurrent use.
type Matcher struct {
	vocab   map[string]int32 // token Norm -> token id
	root    []int32          // token id -> child of the root (0: none)
	edges   map[uint64]int32 // node<<32 | token id -> child, for nodes other than the root
	nodeOut []int32          // node -> 1 + index into outs, 0: no phrase ends here
	outs    [][]output
	nodes   int32
	entries []*Entry
	byID    map[string]*Entry
	phrases int
}

type output struct {
	entry   *Entry   // nil for an exclusion
	phrase  string   // the lexicon phrase, without a '=' prefix
	surface []string // the phrase's tokens as written, for case-sensitive phrases; nil otherwise
}

// Match is one phrase found in a document.
type Match struct {
	Start, End int    // token indexes into doc.Tokens: [Start, End)
	Entry      *Entry // the entry whose phrase matched (the first loaded, see Alternatives)
	Phrase     string // the lexicon phrase that matched, without a '=' prefix
	// Partial is set when the phrase ends inside the match's last token, before a hyphen:
	// "Hamas" in "Hamas-run", "Islamic State" in "Islamic State-claimed", "Russian" in
	// "Russian-backed". The match still covers whole tokens.
	Partial bool
	node    int32
}

// Compile builds a Matcher from parsed lexicons. Entries sharing a phrase are ordered:
// entries without a numeric "pop" attribute first, in argument and file order, then those
// with one by decreasing pop; the first whose case constraint holds wins a match.
func Compile(lxs ...*Lexicon) (*Matcher, error) {
	m := &Matcher{
		vocab:   map[string]int32{},
		root:    []int32{0},
		edges:   map[uint64]int32{},
		nodeOut: []int32{0},
		nodes:   1,
		byID:    map[string]*Entry{},
	}
	// exclusions first: at a node shared with an entry phrase, the exclusion wins
	for _, lx := range lxs {
		for _, p := range lx.Exclude {
			if err := m.addPhrase(nil, p); err != nil {
				return nil, fmt.Errorf("%s.exclude.tsv: %w", lx.Name, err)
			}
		}
	}
	for _, lx := range lxs {
		for _, e := range lx.Entries {
			m.entries = append(m.entries, e)
			if _, dup := m.byID[e.ID]; !dup {
				m.byID[e.ID] = e
			}
			// the canonical is case-insensitive unless listed again with '='
			canon := normKey(e.Canonical)
			csCanon := false
			for _, p := range e.Phrases[1:] {
				if strings.HasPrefix(p, "=") && normKey(p[1:]) == canon {
					csCanon = true
				}
			}
			for i, p := range e.Phrases {
				if i == 0 && csCanon {
					continue
				}
				if err := m.addPhrase(e, p); err != nil {
					return nil, fmt.Errorf("%s.tsv:%d: %w", lx.Name, e.Line, err)
				}
			}
		}
	}
	// entries sharing a phrase: exclusions, then entries without a "pop" attribute in load
	// order, then the others by decreasing population ("San Jose", California, before "San
	// José", Costa Rica; the state of Montana before the Bulgarian town)
	for _, g := range m.outs {
		slices.SortStableFunc(g, func(a, b output) int {
			return cmpRank(a) - cmpRank(b)
		})
	}
	return m, nil
}

// cmpRank orders outputs: exclusions first, then entries without a pop attribute, then by
// decreasing pop.
func cmpRank(o output) int {
	if o.entry == nil {
		return math.MinInt32
	}
	p, err := strconv.Atoi(o.entry.Attrs["pop"])
	if err != nil || p < 0 {
		return math.MinInt32 + 1
	}
	return -min(p, math.MaxInt32-1)
}

func normKey(p string) string {
	toks := segment.Tokenize(p)
	ns := make([]string, len(toks))
	for i, t := range toks {
		ns[i] = t.Norm
	}
	return strings.Join(ns, " ")
}

func isHyphen(r rune) bool { return r == '-' || r == '\u2010' || r == '\u2011' }

// addPhrase inserts phrase p (with its spelling variants) for entry e (nil: exclusion).
func (m *Matcher) addPhrase(e *Entry, p string) error {
	p = strings.TrimSpace(p)
	cs := strings.HasPrefix(p, "=")
	if cs {
		p = strings.TrimSpace(p[1:])
	}
	// a trailing space makes "U.S." keep its final dot, as it does in running text
	toks := segment.Tokenize(p + " ")
	if len(toks) == 0 {
		return fmt.Errorf("phrase %q has no tokens", p)
	}
	norms := make([]string, len(toks))
	surf := make([]string, len(toks))
	for i, t := range toks {
		norms[i] = t.Norm
		surf[i] = p[t.Start:t.End]
	}
	m.insert(e, p, norms, surf, cs)
	m.phrases++

	// variant 0: a final dotted abbreviation at the very end of a text ("in the U.S.") is
	// tokenized without its dot, followed by a "." token
	if last := len(toks) - 1; toks[last].Kind == segment.Word && len(norms[last]) > 1 && strings.HasSuffix(norms[last], ".") {
		vn := append(slices.Clone(norms[:last]), strings.TrimSuffix(norms[last], "."), ".")
		vs := append(slices.Clone(surf[:last]), strings.TrimSuffix(surf[last], "."), ".")
		m.insert(e, p, vn, vs, cs)
	}

	// variant 1: hyphenated words split ("al-Shabaab" -> "al Shabaab")
	var sn, ss []string
	split := false
	for i, t := range toks {
		if t.Kind == segment.Word && strings.Contains(t.Norm, "-") {
			np := strings.Split(t.Norm, "-")
			sp := strings.FieldsFunc(surf[i], isHyphen)
			if len(np) == len(sp) && !slices.Contains(np, "") {
				sn = append(sn, np...)
				ss = append(ss, sp...)
				split = true
				continue
			}
		}
		sn = append(sn, norms[i])
		ss = append(ss, surf[i])
	}
	if split {
		m.insert(e, p, sn, ss, cs)
	}
	// variant 2: two to four words joined by hyphens ("car bomb" -> "car-bomb")
	if len(toks) >= 2 && len(toks) <= 4 {
		for _, t := range toks {
			if t.Kind != segment.Word || t.Norm == "'s" || strings.ContainsAny(t.Norm, ".'") {
				return nil
			}
		}
		// the joined form must tokenize back to a single token
		joined := strings.Join(surf, "-")
		if jt := segment.Tokenize(joined); len(jt) == 1 {
			m.insert(e, p, []string{jt[0].Norm}, []string{joined}, cs)
		}
	}
	return nil
}

func (m *Matcher) tokID(norm string) int32 {
	id, ok := m.vocab[norm]
	if !ok {
		id = int32(len(m.vocab))
		m.vocab[norm] = id
		m.root = append(m.root, 0)
	}
	return id
}

func (m *Matcher) insert(e *Entry, phrase string, norms, surf []string, cs bool) {
	node := int32(0)
	for i, n := range norms {
		id := m.tokID(n)
		var child int32
		if i == 0 {
			child = m.root[id]
		} else {
			child = m.edges[uint64(node)<<32|uint64(id)]
		}
		if child == 0 {
			child = m.nodes
			m.nodes++
			m.nodeOut = append(m.nodeOut, 0)
			if i == 0 {
				m.root[id] = child
			} else {
				m.edges[uint64(node)<<32|uint64(id)] = child
			}
		}
		node = child
	}
	o := output{entry: e, phrase: phrase}
	if cs {
		o.surface = slices.Clone(surf)
	}
	if m.nodeOut[node] == 0 {
		m.outs = append(m.outs, nil)
		m.nodeOut[node] = int32(len(m.outs))
	}
	g := &m.outs[m.nodeOut[node]-1]
	for _, x := range *g {
		if x.entry == e && slices.Equal(x.surface, o.surface) && (x.surface == nil) == (o.surface == nil) {
			return // same entry, same constraint: a duplicate
		}
	}
	*g = append(*g, o)
}

// Find returns all matches in d, in text order.
func (m *Matcher) Find(d *segment.Doc) []Match {
	return m.FindRange(d, 0, len(d.Tokens))
}

// FindRange returns the matches that lie within tokens [first, last) of d, in text order.
func (m *Matcher) FindRange(d *segment.Doc, first, last int) []Match {
	if first < 0 {
		first = 0
	}
	if last > len(d.Tokens) {
		last = len(d.Tokens)
	}
	if first >= last {
		return nil
	}
	// look every token up once: its id in the vocabulary, or -1
	bp := idPool.Get().(*[]int32)
	ids := (*bp)[:0]
	for _, t := range d.Tokens[first:last] {
		id, ok := m.vocab[t.Norm]
		if !ok {
			id = -1
		}
		ids = append(ids, id)
	}
	var out []Match
	n := last - first
	for i := 0; i < n; {
		id := ids[i]
		if id < 0 || m.root[id] == 0 {
			// "Hamas-run": a phrase that ends before a hyphen inside the token
			if id < 0 {
				if node, k := m.partial(d, first+i, 0, first+i); k >= 0 {
					o := &m.outs[m.nodeOut[node]-1][k]
					if o.entry != nil {
						out = append(out, Match{Start: first + i, End: first + i + 1, Entry: o.entry, Phrase: o.phrase, Partial: true, node: node})
					}
				}
			}
			i++
			continue
		}
		node := m.root[id]
		bestEnd, bestNode, bestK, partial := -1, int32(0), -1, false
		for j := i; ; {
			if g := m.nodeOut[node]; g != 0 {
				if k := m.pick(d, first+i, m.outs[g-1]); k >= 0 {
					bestEnd, bestNode, bestK = j+1, node, k
				}
			}
			j++
			if j >= n {
				break
			}
			if ids[j] < 0 {
				if pn, k := m.partial(d, first+j, node, first+i); k >= 0 {
					bestEnd, bestNode, bestK, partial = j+1, pn, k, true
				}
				break
			}
			child, ok := m.edges[uint64(node)<<32|uint64(ids[j])]
			if !ok {
				break
			}
			node = child
		}
		if bestEnd < 0 {
			i++
			continue
		}
		o := &m.outs[m.nodeOut[bestNode]-1][bestK]
		if o.entry != nil {
			out = append(out, Match{Start: first + i, End: first + bestEnd, Entry: o.entry, Phrase: o.phrase, Partial: partial, node: bestNode})
		}
		i = bestEnd
	}
	*bp = ids
	idPool.Put(bp)
	return out
}

var idPool = sync.Pool{New: func() any { s := make([]int32, 0, 2048); return &s }}

// partial tries the prefixes of token t's Norm that end before a hyphen, longest first, as
// the next step from node (0: the root) of a phrase starting at token start. It returns the
// node reached and the index of its winning output, or -1.
func (m *Matcher) partial(d *segment.Doc, t int, node int32, start int) (int32, int) {
	norm := d.Tokens[t].Norm
	if d.Tokens[t].Kind != segment.Word {
		return 0, -1
	}
	for p := strings.LastIndexByte(norm, '-'); p > 0; p = strings.LastIndexByte(norm[:p], '-') {
		id, ok := m.vocab[norm[:p]]
		if !ok {
			continue
		}
		var child int32
		if node == 0 {
			child = m.root[id]
		} else {
			child = m.edges[uint64(node)<<32|uint64(id)]
		}
		if child == 0 || m.nodeOut[child] == 0 {
			continue
		}
		if k := m.pick(d, start, m.outs[m.nodeOut[child]-1]); k >= 0 {
			return child, k
		}
	}
	return 0, -1
}

// pick returns the index of the first output whose case constraint holds at token i, or -1.
func (m *Matcher) pick(d *segment.Doc, i int, g []output) int {
	for k := range g {
		if g[k].surface == nil || caseOK(d, i, g[k].surface) {
			return k
		}
	}
	return -1
}

// caseOK reports whether the tokens of d from i on are capitalised like surface.
func caseOK(d *segment.Doc, i int, surface []string) bool {
	if d.AllCaps {
		return false
	}
	for k, s := range surface {
		t := d.Tokens[i+k]
		w := d.Text[t.Start:t.End]
		if w == s {
			continue
		}
		for len(w) > 0 && len(s) > 0 {
			a, wa := utf8.DecodeRuneInString(w)
			b, wb := utf8.DecodeRuneInString(s)
			if unicode.IsUpper(a) != unicode.IsUpper(b) {
				return false
			}
			w, s = w[wa:], s[wb:]
		}
	}
	return true
}

// Alternatives returns every entry sharing the matched phrase, the matched one first
// ("San Miguel" in El Salvador and in other countries), without re-checking case constraints.
func (m *Matcher) Alternatives(mt Match) []*Entry {
	if mt.node <= 0 || int(mt.node) >= len(m.nodeOut) || m.nodeOut[mt.node] == 0 {
		if mt.Entry != nil {
			return []*Entry{mt.Entry}
		}
		return nil
	}
	out := []*Entry{mt.Entry}
	for _, o := range m.outs[m.nodeOut[mt.node]-1] {
		if o.entry != nil && !slices.Contains(out, o.entry) {
			out = append(out, o.entry)
		}
	}
	return out
}

// Entries returns all entries, in load order.
func (m *Matcher) Entries() []*Entry { return m.entries }

// ByID returns the entry with the given id, or nil.
func (m *Matcher) ByID(id string) *Entry { return m.byID[id] }

// Size returns the number of phrases (spelling variants not counted) and trie nodes.
func (m *Matcher) Size() (phrases, nodes int) { return m.phrases, int(m.nodes) }

// IsDemonym reports whether the match is one of its entry's demonyms (attr "demonym",
// '|'-separated: "demonym=Russian|Russians").
func (mt Match) IsDemonym() bool {
	if mt.Entry == nil {
		return false
	}
	for _, d := range mt.Entry.AttrList("demonym") {
		if strings.EqualFold(strings.TrimPrefix(d, "="), mt.Phrase) {
			return true
		}
	}
	return false
}
