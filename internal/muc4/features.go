package muc4

import (
	"math"
	"strings"

	"github.com/sitrep/sitrep/internal/segment"
)

// FeatureVersion names the feature set the code computes. The embedded model records the
// version it was trained with; a mismatch means the data must be regenerated.
const FeatureVersion = 3

// maxSpan is the longest candidate span in tokens.
const maxSpan = 8

// stopwords may not begin or end a candidate span; internal ones may sit inside one
// ("HEADQUARTERS OF THE ...", "BANK OF BOGOTA"), the others end it.
var stopwords = wordSet(`a an the of and or in on at to by for from with that which who whom
whose this these those it its he she they them his her their him we our you i was were is are
be been being has have had will would could should may might must can also not no as but if
than then there here when where while after before during since about into over under against
between said says say according today yesterday tomorrow last night morning afternoon evening
week month year ago other others another some any all both each several many more most such
only very so what how why again however because although though until upon within without
toward towards near up down out off among around through de del la las los el y 's s do does
did being one two three four five six seven eight nine ten same new own early late`)

var internalOK = wordSet(`of the and de del la las los el y 's for a`)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// trigger categories: a word stem prefix and the category it signals.
var triggerStems = []struct{ stem, cat string }{
	{"kill", "kill"}, {"murder", "kill"}, {"assassin", "kill"}, {"massacre", "kill"},
	{"slay", "kill"}, {"slain", "kill"}, {"execut", "kill"}, {"dead", "kill"}, {"death", "kill"},
	{"died", "kill"}, {"bodies", "kill"}, {"body", "kill"}, {"corpse", "kill"},
	{"attack", "attack"}, {"ambush", "attack"}, {"raid", "attack"}, {"shot", "attack"},
	{"shoot", "attack"}, {"fired", "attack"}, {"gunfire", "attack"}, {"machinegun", "attack"},
	{"strafe", "attack"}, {"assault", "attack"}, {"harass", "attack"}, {"clash", "clash"},
	{"combat", "clash"}, {"fight", "clash"},
	{"bomb", "bomb"}, {"explo", "bomb"}, {"dynamit", "bomb"}, {"blast", "bomb"},
	{"detonat", "bomb"}, {"grenade", "bomb"}, {"device", "bomb"}, {"charge", "bomb"},
	{"kidnap", "kidnap"}, {"abduct", "kidnap"}, {"hostage", "kidnap"}, {"captiv", "kidnap"},
	{"ransom", "kidnap"}, {"releas", "kidnap"}, {"seiz", "kidnap"},
	{"burn", "arson"}, {"fire", "arson"}, {"torch", "arson"}, {"arson", "arson"}, {"blaze", "arson"},
	{"destroy", "damage"}, {"damag", "damage"}, {"wound", "damage"}, {"injur", "damage"},
	{"hurt", "damage"}, {"destruct", "damage"}, {"sabotag", "damage"}, {"victim", "damage"},
	{"claim", "claim"}, {"responsib", "claim"}, {"blame", "claim"}, {"accus", "claim"},
	{"attribut", "claim"}, {"perpetrat", "claim"}, {"suspect", "claim"}, {"arrest", "claim"},
	{"guerrill", "perp"}, {"terroris", "perp"}, {"rebel", "perp"}, {"subversiv", "perp"},
	{"gunm", "perp"}, {"command", "perp"}, {"armed", "perp"}, {"hooded", "perp"},
	{"squad", "perp"}, {"traffick", "perp"},
	{"rob", "rob"}, {"stole", "rob"}, {"steal", "rob"}, {"hijack", "rob"},
	{"threat", "threat"}, {"warn", "threat"},
}

func triggerCat(w string) string {
	for _, t := range triggerStems {
		if strings.HasPrefix(w, t.stem) {
			return t.cat
		}
	}
	return ""
}

// cand is one candidate span: tokens [i, j) of sentence sent.
type cand struct {
	i, j int
	sent int
	norm string
}

// analysis is a segmented document with its candidates.
type analysis struct {
	seg   *segment.Doc
	norms []string // token norms
	clean []string // token norms without punctuation; "" for articles
	trig  []string // trigger category per token, "" for none
	cands []cand
	// occurrences of each candidate string in the document
	count map[string]int
}

func analyse(text string) *analysis {
	a := &analysis{seg: segment.New(text)}
	toks := a.seg.Tokens
	a.norms = make([]string, len(toks))
	a.clean = make([]string, len(toks))
	a.trig = make([]string, len(toks))
	for i, t := range toks {
		a.norms[i] = t.Norm
		a.clean[i] = cleanTok(t.Norm)
		if t.Kind == segment.Word {
			a.trig[i] = triggerCat(t.Norm)
		}
	}
	a.count = map[string]int{}
	for si, s := range a.seg.Sentences {
		for i := s.First; i < s.Last; i++ {
			if toks[i].Kind == segment.Punct || stopwords[a.norms[i]] {
				continue
			}
			for j := i + 1; j <= s.Last && j-i <= maxSpan; j++ {
				t := toks[j-1]
				if t.Kind == segment.Punct {
					break
				}
				w := a.norms[j-1]
				if stopwords[w] {
					if !internalOK[w] {
						break
					}
					continue
				}
				n := a.spanNorm(i, j)
				if n == "" {
					continue
				}
				a.cands = append(a.cands, cand{i: i, j: j, sent: si, norm: n})
				a.count[n]++
			}
		}
	}
	return a
}

func cleanTok(n string) string {
	if n == "a" || n == "an" || n == "the" {
		return ""
	}
	if !strings.ContainsAny(n, asciiPunct) {
		return n
	}
	var b strings.Builder
	for _, r := range n {
		if r < 0x80 && strings.ContainsRune(asciiPunct, r) {
			continue
		}
		b.WriteRune(r)
	}
	s := b.String()
	if s == "a" || s == "an" || s == "the" {
		return ""
	}
	return s
}

// spanNorm is Normalize of the span's text, built from the tokens.
func (a *analysis) spanNorm(i, j int) string {
	var b strings.Builder
	toks := a.seg.Tokens
	for k := i; k < j; k++ {
		c := a.clean[k]
		if c == "" {
			continue
		}
		if b.Len() > 0 && (k == i || toks[k].Start > toks[k-1].End || a.clean[k-1] == "") {
			b.WriteByte(' ')
		}
		b.WriteString(c)
	}
	return b.String()
}

// spanText is the span as written, whitespace squeezed.
func (a *analysis) spanText(c cand) string {
	s := a.seg.Text[a.seg.Tokens[c.i].Start:a.seg.Tokens[c.j-1].End]
	return strings.Join(strings.Fields(s), " ")
}

// hashing of features: FNV-1a over a prefix and values.
const (
	fnvOff   = 14695981039346656037
	fnvPrime = 1099511628211
)

func hstr(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

type fvec []uint64

func (f *fvec) add(p string, vals ...string) {
	h := hstr(fnvOff, p)
	for _, v := range vals {
		h ^= 0x1f
		h *= fnvPrime
		h = hstr(h, v)
	}
	*f = append(*f, h)
}

var countBins = [...]string{"0", "1", "2", "3", "3", "3", "4", "4", "4", "4", "4"}

func binCount(n int32) string {
	if n < 0 {
		n = 0
	}
	if int(n) < len(countBins) {
		return countBins[n]
	}
	return "5"
}

func binFrac(x float64) string {
	switch {
	case x <= 0:
		return "0"
	case x < 0.05:
		return "1"
	case x < 0.15:
		return "2"
	case x < 0.3:
		return "3"
	case x < 0.5:
		return "4"
	case x < 0.75:
		return "5"
	}
	return "6"
}

var smallInts = [...]string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20"}

func itoa(n int) string {
	if n >= 0 && n < len(smallInts) {
		return smallInts[n]
	}
	if n < 0 {
		return "neg"
	}
	return "big"
}

func binLog(n int32) string {
	if n <= 0 {
		return "0"
	}
	return itoa(1 + int(math.Log2(float64(n))))
}

// docGold is what leave-one-out feature computation subtracts for a training document.
type docGold struct {
	str   map[string]uint8 // normalized gold mention -> role bitmask
	head  map[string]uint8
	first map[string]uint8
}

var relBins = [...]string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "9"}

// candFeatures computes the features of candidate c. lex holds the priors; with own set,
// the document's own contribution to lex is subtracted (leave-one-out for training).
func (a *analysis) candFeatures(c cand, lex *Lexicon, own *docGold, rel float64, out fvec) fvec {
	n := c.j - c.i
	head := a.clean[c.j-1]
	first := a.clean[c.i]
	out = append(out, hstr(fnvOff, "bias"))
	out.add("len", itoa(n))
	out.add("h", head)
	out.add("f", first)
	out.add("s", c.norm)
	for k := c.i + 1; k < c.j-1; k++ {
		out.add("w", a.norms[k])
	}
	loo := int32(0)
	if own != nil {
		loo = 1
	}
	// string prior
	if st, ok := lex.Str[c.norm]; ok {
		occ := st.Occ - loo
		var m uint8
		if own != nil {
			m = own.str[c.norm]
		}
		for r := 0; r < NRoles; r++ {
			g := st.Gold[r]
			if m&(1<<r) != 0 {
				g--
			}
			if g > 0 && occ > 0 {
				out.add("sg", Roles[r], binCount(g))
				out.add("sp", Roles[r], binFrac(float64(g)/float64(occ)))
			}
		}
	} else {
		out.add("s_unseen")
	}
	prior := func(name string, m map[string]*Stat, w string, ownm map[string]uint8) {
		st, ok := m[w]
		if !ok {
			out.add(name + "_unseen")
			return
		}
		occ := st.Occ - loo
		var om uint8
		if own != nil {
			om = ownm[w]
		}
		any := false
		for r := 0; r < NRoles; r++ {
			g := st.Gold[r]
			if om&(1<<r) != 0 {
				g--
			}
			if g > 0 && occ > 0 {
				any = true
				out.add(name+"g", Roles[r], binCount(g))
				out.add(name+"p", Roles[r], binFrac(float64(g)/float64(occ)))
			}
		}
		if !any {
			out.add(name + "_none")
		}
	}
	var oh, of map[string]uint8
	if own != nil {
		oh, of = own.head, own.first
	}
	prior("hd", lex.Head, head, oh)
	prior("fs", lex.First, first, of)
	// name-likeness: document frequency of the words
	df := func(w string) int32 {
		d := lex.WordDF[w] - loo
		return d
	}
	out.add("hdf", binLog(df(head)))
	out.add("fdf", binLog(df(first)))
	minDF := int32(math.MaxInt32)
	for k := c.i; k < c.j; k++ {
		if a.clean[k] == "" || stopwords[a.norms[k]] {
			continue
		}
		if d := df(a.clean[k]); d < minDF {
			minDF = d
		}
	}
	out.add("mindf", binLog(minDF), itoa(min(n, 4)))
	// context
	sent := a.seg.Sentences[c.sent]
	l1, l2, r1, r2 := "<s>", "<s>", "</s>", "</s>"
	if c.i-1 >= sent.First {
		l1 = a.norms[c.i-1]
		if c.i-2 >= sent.First {
			l2 = a.norms[c.i-2]
		}
	}
	if c.j < sent.Last {
		r1 = a.norms[c.j]
		if c.j+1 < sent.Last {
			r2 = a.norms[c.j+1]
		}
	}
	out.add("l1", l1)
	out.add("l2", l2)
	out.add("r1", r1)
	out.add("r2", r2)
	out.add("l2l1", l2, l1)
	out.add("r1r2", r1, r2)
	out.add("l1h", l1, head)
	out.add("hr1", head, r1)
	// triggers in the sentence: nearest on each side with distance, and the set
	var seen [16]string
	ns := 0
	for k := sent.First; k < sent.Last; k++ {
		t := a.trig[k]
		if t == "" || (k >= c.i && k < c.j) {
			continue
		}
		dup := false
		for _, s := range seen[:ns] {
			if s == t {
				dup = true
				break
			}
		}
		if !dup && ns < len(seen) {
			seen[ns] = t
			ns++
			out.add("st", t)
		}
	}
	for k, d := c.i-1, 1; k >= sent.First && d <= 8; k, d = k-1, d+1 {
		if a.trig[k] != "" {
			out.add("lt", a.trig[k], distBin(d))
			out.add("ltw", a.norms[k])
			break
		}
	}
	for k, d := c.j, 1; k < sent.Last && d <= 8; k, d = k+1, d+1 {
		if a.trig[k] != "" {
			out.add("rt", a.trig[k], distBin(d))
			out.add("rtw", a.norms[k])
			break
		}
	}
	for k := c.i; k < c.j; k++ {
		if a.trig[k] != "" {
			out.add("in_t", a.trig[k])
		}
	}
	// position and frequency
	out.add("si", itoa(min(c.sent, 6)))
	out.add("cnt", itoa(min(a.count[c.norm], 4)))
	rb := relBins[int(rel*10)]
	out.add("rel", rb)
	out.add("rel_len", rb, itoa(min(n, 4)))
	return out
}

func distBin(d int) string {
	switch {
	case d <= 1:
		return "1"
	case d <= 2:
		return "2"
	case d <= 4:
		return "4"
	}
	return "8"
}

// docFeatures are the features of the relevance / incident type model.
func (a *analysis) docFeatures(out fvec) fvec {
	out = append(out, hstr(fnvOff, "bias"))
	seen := map[uint64]bool{}
	add := func(h uint64) {
		if !seen[h] {
			seen[h] = true
			out = append(out, h)
		}
	}
	prev := ""
	for i, t := range a.seg.Tokens {
		if t.Kind != segment.Word {
			prev = ""
			continue
		}
		w := a.norms[i]
		add(hstr(hstr(fnvOff, "u"), w))
		if prev != "" {
			add(hstr(hstr(hstr(fnvOff, "b"), prev), w))
		}
		if a.trig[i] != "" {
			s := a.seg.SentenceOf(i)
			add(hstr(hstr(fnvOff, "tc"), a.trig[i]))
			if s < 3 {
				add(hstr(hstr(fnvOff, "tc_early"), a.trig[i]))
			}
		}
		prev = w
	}
	return out
}
