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
}

func (m *Linear) scores(f []uint64, out []float64) {
	for k := range out {
		out[k] = 0
	}
	for _, h := range f {
		r, ok := m.Index[h]
		if !ok {
			continue
		}
		w := m.W[int(r)*m.K : int(r)*m.K+m.K]
		for k := range out {
			out[k] += float64(w[k])
		}
	}
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
}

// trainLinear fits a model with AdaGrad on the log loss. Deterministic for a given seed
// and sample order.
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
					W[base+k] -= o.LR * g / math.Sqrt(G[base+k]+1e-8)
				}
			}
		}
	}
	m.W = make([]float32, len(W))
	for i, w := range W {
		m.W[i] = float32(math.Round(w*1e4) / 1e4)
	}
	return m
}
