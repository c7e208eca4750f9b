package muc4

import (
	"math"
	"math/rand/v2"
)

// Linear is a multinomial logistic regression over hashed features.
type Linear struct {
	K     int              // classes
	Index map[uint64]int32 // feature hash -> row
	W     []float32        // rows of K weights
	// open-addressing copies of Index and W for fast lookups, built by finalize: the
	// binary models and the candidate model (six classes, or seven with useAuxDesc; all
	// but the document model) keep each feature's weights in its slot, so that a look-up
	// touches one cache line rather than one for the slot and one for the row; the others
	// keep the row in the slot
	rows table[int32]
	w2   table[[2]float32]
	wc   table[[NRoles + 2]float32]
}

// isCand reports whether the model has the candidate model's classes: none, the five
// roles and, with useAuxDesc, the human-target descriptions.
func (m *Linear) isCand() bool { return m.K == NRoles+1 || m.K == NRoles+2 }

// table is an open-addressing hash table (linear probing) from feature hashes to
// values of type V.
type table[V any] struct {
	slots []tableSlot[V]
	mask  uint64
	// empty is the key of the empty slots: a hash that is not a feature of the model,
	// so that no separate mark is needed
	empty uint64
}

type tableSlot[V any] struct {
	key uint64
	val V
}

// newTable makes a table of the features of index with the values val(row).
func newTable[V any](index map[uint64]int32, val func(row int32) V) table[V] {
	// at most half full, as before: the candidate model (65,000 features, looked up some
	// 3,500 times a document) was slower with its table half full rather than a quarter,
	// and not measurably faster at an eighth for twice the memory. A packed bucketed
	// layout a quarter the size was slower still: the look-ups are limited by their
	// branches and dependent loads more than by the table's size.
	n := 16
	for n < 2*len(index) {
		n *= 2
	}
	t := table[V]{slots: make([]tableSlot[V], n), mask: uint64(n - 1)}
	for {
		if _, ok := index[t.empty]; !ok {
			break
		}
		t.empty++
	}
	for i := range t.slots {
		t.slots[i].key = t.empty
	}
	for h, r := range index {
		i := mix(h) & t.mask
		for t.slots[i].key != t.empty {
			i = (i + 1) & t.mask
		}
		t.slots[i] = tableSlot[V]{key: h, val: val(r)}
	}
	return t
}

// find returns the value of feature h, nil if h is not a feature of the model.
func (t *table[V]) find(h uint64) *V {
	for i := mix(h) & t.mask; ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		if s.key == t.empty {
			return nil
		}
		if s.key == h {
			return &s.val
		}
	}
}

// finalize builds the lookup tables from Index and W; call it before scoring, and again
// after changing either.
func (m *Linear) finalize() {
	m.rows, m.w2, m.wc = table[int32]{}, table[[2]float32]{}, table[[NRoles + 2]float32]{}
	switch {
	case m.K == 2:
		m.w2 = newTable(m.Index, func(r int32) (w [2]float32) {
			copy(w[:], m.W[int(r)*2:])
			return w
		})
	case m.isCand():
		m.wc = newTable(m.Index, func(r int32) (w [NRoles + 2]float32) {
			copy(w[:], m.W[int(r)*m.K:int(r)*m.K+m.K])
			return w
		})
	default:
		m.rows = newTable(m.Index, func(r int32) int32 { return r })
	}
}

func mix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return h
}

// scores sets out to the sums of the weights of the features of f, per class.
func (m *Linear) scores(f []uint64, out []float64) {
	switch {
	case m.isCand() && len(out) == m.K:
		m.scoresCand(f, out)
		return
	case m.K == 2 && len(out) == 2:
		m.scores2(f, out)
		return
	}
	for k := range out {
		out[k] = 0
	}
	for _, h := range f {
		w := m.weights(h)
		if w == nil {
			continue
		}
		for k := range out {
			out[k] += float64(w[k])
		}
	}
}

// weights returns the weights of feature h, nil if h is not a feature of the model.
func (m *Linear) weights(h uint64) []float32 {
	switch {
	case m.K == 2:
		if w := m.w2.find(h); w != nil {
			return w[:]
		}
	case m.isCand():
		if w := m.wc.find(h); w != nil {
			return w[:m.K]
		}
	default:
		if r := m.rows.find(h); r != nil {
			return m.W[int(*r)*m.K : int(*r)*m.K+m.K]
		}
	}
	return nil
}

// scoresCand is scores for the classes of the candidate model, its hot path: the sums
// are kept in local variables rather than in out, which saves a load and a store per
// weight. The additions are the same, in the same order, so the sums are too. A
// six-class model has a zero seventh weight, and its seventh sum is not written.
func (m *Linear) scoresCand(f []uint64, out []float64) {
	var s0, s1, s2, s3, s4, s5, s6 float64
	for _, h := range f {
		w := m.wc.find(h)
		if w == nil {
			continue
		}
		s0 += float64(w[0])
		s1 += float64(w[1])
		s2 += float64(w[2])
		s3 += float64(w[3])
		s4 += float64(w[4])
		s5 += float64(w[5])
		s6 += float64(w[6])
	}
	out[0], out[1], out[2], out[3], out[4], out[5] = s0, s1, s2, s3, s4, s5
	if len(out) > NRoles+1 {
		out[NRoles+1] = s6
	}
}

// scores2 is scoresCand for the binary models.
func (m *Linear) scores2(f []uint64, out []float64) {
	var s0, s1 float64
	for _, h := range f {
		w := m.w2.find(h)
		if w == nil {
			continue
		}
		s0 += float64(w[0])
		s1 += float64(w[1])
	}
	out[0], out[1] = s0, s1
}

// probs fills out with the class probabilities of feature vector f.
func (m *Linear) probs(f []uint64, out []float64) {
	m.scores(f, out)
	softmax(out)
}

func softmax(s []float64) {
	mx := math.Inf(-1)
	for _, v := range s {
		mx = max(mx, v)
	}
	sum := 0.0
	for i, v := range s {
		s[i] = math.Exp(v - mx)
		sum += s[i]
	}
	for i := range s {
		s[i] /= sum
	}
}

type sample struct {
	f   []uint64
	y   int
	doc int32
}

type trainOpts struct {
	K      int
	Epochs int
	LR     float64
	L2     float64
	MinDF  int // keep features seen in at least this many documents
	Seed   uint64
	// Avg returns the average of the weights over all updates (averaged SGD) instead
	// of the last weights.
	Avg bool
}

// trainLinear fits a model with AdaGrad on the log loss, returning the last or (o.Avg)
// the averaged weights. Deterministic for a given seed and sample order.
func trainLinear(samples []sample, o trainOpts) *Linear {
	type dfc struct{ last, n int32 }
	df := map[uint64]*dfc{}
	for _, s := range samples {
		for _, h := range s.f {
			c := df[h]
			if c == nil {
				c = &dfc{last: -1}
				df[h] = c
			}
			if c.last != s.doc {
				c.last = s.doc
				c.n++
			}
		}
	}
	m := &Linear{K: o.K, Index: map[uint64]int32{}}
	// assign rows in sample order so the model is deterministic
	for _, s := range samples {
		for _, h := range s.f {
			if _, ok := m.Index[h]; ok {
				continue
			}
			if df[h].n >= int32(o.MinDF) {
				m.Index[h] = int32(len(m.Index))
			}
		}
	}
	K := o.K
	W := make([]float64, len(m.Index)*K)
	G := make([]float64, len(m.Index)*K)
	var U []float64 // step-weighted sum of the updates, for averaging
	if o.Avg {
		U = make([]float64, len(W))
	}
	step := 1.0
	order := make([]int, len(samples))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15))
	p := make([]float64, K)
	rows := make([]int32, 0, 64)
	for ep := 0; ep < o.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, si := range order {
			s := samples[si]
			rows = rows[:0]
			for _, h := range s.f {
				if r, ok := m.Index[h]; ok {
					rows = append(rows, r)
				}
			}
			for k := range p {
				p[k] = 0
			}
			for _, r := range rows {
				for k := 0; k < K; k++ {
					p[k] += W[int(r)*K+k]
				}
			}
			softmax(p)
			for _, r := range rows {
				base := int(r) * K
				for k := 0; k < K; k++ {
					g := p[k]
					if k == s.y {
						g -= 1
					}
					g += o.L2 * W[base+k]
					G[base+k] += g * g
					d := o.LR * g / math.Sqrt(G[base+k]+1e-8)
					W[base+k] -= d
					if U != nil {
						U[base+k] -= step * d
					}
				}
			}
			step++
		}
	}
	if U != nil {
		for i := range W {
			W[i] -= U[i] / step
		}
	}
	m.W = make([]float32, len(W))
	for i, w := range W {
		m.W[i] = float32(math.Round(w*1e4) / 1e4)
	}
	m.prune(pruneBelow)
	m.finalize()
	return m
}

// pruneBelow drops features whose weights are all smaller in magnitude, to keep the
// embedded model small.
const pruneBelow = 0.01

// prune removes the features whose weights all have magnitude below eps.
func (m *Linear) prune(eps float32) {
	idx := make(map[uint64]int32, len(m.Index))
	var w []float32
	// keep row order stable: rows in order of their old index
	old := make([]uint64, len(m.Index))
	for h, r := range m.Index {
		old[r] = h
	}
	for r, h := range old {
		row := m.W[r*m.K : r*m.K+m.K]
		keep := false
		for _, v := range row {
			if v >= eps || v <= -eps {
				keep = true
			}
		}
		if keep {
			idx[h] = int32(len(idx))
			w = append(w, row...)
		}
	}
	m.Index, m.W = idx, w
}
