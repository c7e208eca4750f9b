package muc4

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
)

// Trees is a small gradient-boosted ensemble of regression trees on dense features, for
// the binary log loss: its margin is added to a base margin (boosting from an existing
// model's logit).
type Trees struct {
	Trees [][]treeNode `json:"trees"`
}

// treeNode is a split (F >= 0: x[F] <= T goes to L, else R) or a leaf (F < 0, value V).
type treeNode struct {
	F int16   `json:"f"`
	T float32 `json:"t,omitempty"`
	L int32   `json:"l,omitempty"`
	R int32   `json:"r,omitempty"`
	V float32 `json:"v,omitempty"`
}

// margin is the ensemble's sum over x.
func (t *Trees) margin(x []float32) float64 {
	s := 0.0
	for _, tr := range t.Trees {
		s += leafValue(tr, x)
	}
	return s
}

// leafValue is the value of the leaf of tree tr that x falls in.
func leafValue(tr []treeNode, x []float32) float64 {
	n := &tr[0]
	for n.F >= 0 {
		// the child is chosen by a conditional move rather than a branch: which way x
		// goes is data, and a mispredicted branch per level cost more than the walk
		var right int32
		if x[n.F] > n.T {
			right = 1
		}
		n = &tr[n.L+right*(n.R-n.L)]
	}
	return float64(n.V)
}

type treeOpts struct {
	Trees   int
	Depth   int
	LR      float64 // shrinkage of each tree's leaf values
	Lambda  float64 // L2 penalty on leaf values
	MinHess float64 // least hessian sum in a child
	Bins    int     // quantile bins per feature, at most 256
}

// useStage3 adds the trees after the second stage.
var useStage3 = true

// check reports whether every tree is well formed for rows of width features: splits
// name a feature, children come after their parent (so margin always ends at a leaf).
func (t *Trees) check(width int) error {
	for ti, tr := range t.Trees {
		if len(tr) == 0 {
			return fmt.Errorf("tree %d is empty", ti)
		}
		for k, nd := range tr {
			if nd.F < 0 {
				continue
			}
			if int(nd.F) >= width || nd.L <= int32(k) || nd.R <= int32(k) || int(nd.L) >= len(tr) || int(nd.R) >= len(tr) {
				return fmt.Errorf("tree %d node %d is malformed", ti, k)
			}
		}
	}
	return nil
}

var stage3Opts = treeOpts{Trees: 120, Depth: 4, LR: 0.05, Lambda: 10, MinHess: 5, Bins: 32}

// trainTrees boosts trees on rows X with labels y from base margins base.
func trainTrees(X [][]float32, y []bool, base []float64, o treeOpts) *Trees {
	n := len(X)
	if n == 0 {
		return &Trees{}
	}
	d := len(X[0])
	bins := min(o.Bins, 256) // bins are numbered in a byte
	// quantile thresholds per feature
	thr := make([][]float32, d)
	s := make([]float32, n)
	for f := 0; f < d; f++ {
		for i := range X {
			s[i] = X[i][f]
		}
		slices.Sort(s)
		var t []float32
		for b := 1; b < bins; b++ {
			v := s[b*n/bins]
			if len(t) == 0 || v > t[len(t)-1] {
				t = append(t, v)
			}
		}
		// drop a threshold equal to the maximum: it splits nothing
		if len(t) > 0 && t[len(t)-1] >= s[n-1] {
			t = t[:len(t)-1]
		}
		thr[f] = t
	}
	// binned[i][f] = number of thresholds below x (x <= thr[b] means bin <= b)
	binned := make([][]uint8, n)
	for i := range X {
		row := make([]uint8, d)
		for f := 0; f < d; f++ {
			row[f] = uint8(sort.Search(len(thr[f]), func(b int) bool { return X[i][f] <= thr[f][b] }))
		}
		binned[i] = row
	}
	F := make([]float64, n)
	g := make([]float64, n)
	h := make([]float64, n)
	out := &Trees{}
	idx := make([]int32, n)
	for t := 0; t < o.Trees; t++ {
		for i := range X {
			p := sigmoid(base[i] + F[i])
			yi := 0.0
			if y[i] {
				yi = 1
			}
			g[i], h[i] = p-yi, max(p*(1-p), 1e-6)
		}
		for i := range idx {
			idx[i] = int32(i)
		}
		var nodes []treeNode
		var grow func(rows []int32, depth int) int32
		grow = func(rows []int32, depth int) int32 {
			G, H := 0.0, 0.0
			for _, i := range rows {
				G += g[i]
				H += h[i]
			}
			me := int32(len(nodes))
			nodes = append(nodes, treeNode{F: -1, V: float32(-o.LR * G / (H + o.Lambda))})
			if depth >= o.Depth {
				return me
			}
			bestGain, bestF, bestB := 1e-9, -1, 0
			parent := G * G / (H + o.Lambda)
			var hg, hh [256]float64
			for f := 0; f < d; f++ {
				nb := len(thr[f]) + 1
				if nb < 2 {
					continue
				}
				for b := 0; b < nb; b++ {
					hg[b], hh[b] = 0, 0
				}
				for _, i := range rows {
					b := binned[i][f]
					hg[b] += g[i]
					hh[b] += h[i]
				}
				gl, hl := 0.0, 0.0
				for b := 0; b < nb-1; b++ {
					gl += hg[b]
					hl += hh[b]
					gr, hr := G-gl, H-hl
					if hl < o.MinHess || hr < o.MinHess {
						continue
					}
					gain := gl*gl/(hl+o.Lambda) + gr*gr/(hr+o.Lambda) - parent
					if gain > bestGain {
						bestGain, bestF, bestB = gain, f, b
					}
				}
			}
			if bestF < 0 {
				return me
			}
			var left, right []int32
			for _, i := range rows {
				if int(binned[i][bestF]) <= bestB {
					left = append(left, i)
				} else {
					right = append(right, i)
				}
			}
			l := grow(left, depth+1)
			r := grow(right, depth+1)
			nodes[me] = treeNode{F: int16(bestF), T: thr[bestF][bestB], L: l, R: r}
			return me
		}
		grow(idx, 0)
		for i := range X {
			F[i] += leafValue(nodes, X[i])
		}
		out.Trees = append(out.Trees, nodes)
	}
	return out
}

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

func logit(q float64) float64 {
	q = min(max(q, 1e-6), 1-1e-6)
	return math.Log(q / (1 - q))
}

// stage3Width is the number of stage3Features.
const stage3Width = NRoles + 40 + nAgentBits

// docSummary is what stage3Features reads of a document's strings as a whole, per role:
// the best second-stage probability, how many strings reach 0.2 and 0.5, their sum; and
// the best sentence relevance of any string and the index of the likeliest incident type.
type docSummary struct {
	top, sum [NRoles]float64
	n2, n5   [NRoles]int
	srelMax  float64
	typ      int
}

func summarise(all []*strScore, dc docCtx) docSummary {
	var d docSummary
	for _, o := range all {
		for r := 0; r < NRoles; r++ {
			q := o.q[r]
			d.top[r] = max(d.top[r], q)
			d.sum[r] += q
			if q >= 0.2 {
				d.n2[r]++
			}
			if q >= 0.5 {
				d.n5[r]++
			}
		}
		d.srelMax = max(d.srelMax, o.srel)
	}
	d.typ = max(slices.Index(incidentTypes, dc.typ), 0)
	return d
}

// stage3Features describe string s in role r densely for the trees, from its first- and
// second-stage scores among all strings of its document (summarised in ds), its
// contexts, and the training priors of the string, its head and its first word.
func stage3Features(s *strScore, r int, all []*strScore, ds *docSummary, dc docCtx, lex *Lexicon, out []float32) []float32 {
	out = out[:0]
	for k := 0; k < NRoles; k++ {
		out = append(out, b2f(k == r))
	}
	rankP, rankQ := 1, 1
	sup, sub := 0.0, 0.0
	for _, o := range all {
		if o.q[r] > s.q[r] || (o.q[r] == s.q[r] && o.norm < s.norm) {
			rankQ++
		}
		if o.p[r] > s.p[r] || (o.p[r] == s.p[r] && o.norm < s.norm) {
			rankP++
		}
		if o != s && o.q[r] > 0 {
			if containsWords(o.norm, s.norm) {
				sup = max(sup, o.q[r])
			} else if containsWords(s.norm, o.norm) {
				sub = max(sub, o.q[r])
			}
		}
	}
	otherP, otherQ := 0.0, 0.0
	for k := 0; k < NRoles; k++ {
		if k != r {
			otherP = max(otherP, s.p[k])
			otherQ = max(otherQ, s.q[k])
		}
	}
	head := lastWord(s.norm)
	first, _, _ := strings.Cut(s.norm, " ")
	out = append(out,
		float32(s.q[r]), float32(s.p[r]), float32(s.sum[r]), float32(s.b[r]),
		float32(math.Log1p(float64(s.prior[r]))), float32(s.n), float32(s.sent), float32(s.first),
		float32(s.srel), float32(dc.rel), float32(rankP), float32(rankQ), float32(ds.top[r]),
		float32(ds.top[r]-s.q[r]), float32(ds.n2[r]), float32(ds.n5[r]), float32(sup), float32(sub),
		float32(strings.Count(s.norm, " ")+1), float32(otherP), float32(otherQ),
		float32(s.harm), float32(s.say), float32(s.past), b2f(s.past == s.n),
		float32(s.whole)/float32(max(s.n, 1)), float32(s.tgt[0]), float32(s.tgt[1]), float32(s.tgt[2]),
		float32(ds.typ), float32(len(all)), float32(ds.sum[r]), float32(ds.srelMax))
	for k := 0; k < nAgentBits; k++ {
		out = append(out, b2f(s.agent&(1<<k) != 0))
	}
	var stats [3]*Stat
	df := int32(0)
	if lex != nil {
		hw, fw := lex.word(head), lex.word(first)
		stats = [3]*Stat{lex.Str[s.norm], hw.head, fw.first}
		df = hw.df
	}
	for _, st := range stats {
		if st == nil {
			out = append(out, -1, 0)
			continue
		}
		out = append(out, float32(st.Gold[r])/float32(max(st.Occ, 1)), float32(math.Log1p(float64(st.Occ))))
	}
	out = append(out, float32(math.Log1p(float64(df))))
	return out
}

func b2f(b bool) float32 {
	if b {
		return 1
	}
	return 0
}

// stage3Apply replaces every rescored string's second-stage probability by the trees'
// correction of it; all features are read before any probability changes.
func stage3Apply(t *Trees, scores []*strScore, dc docCtx, lex *Lexicon) {
	if t == nil {
		return
	}
	type upd struct {
		s *strScore
		r int
		q float64
	}
	var ups []upd
	var x []float32
	ds := summarise(scores, dc)
	for _, s := range scores {
		for r := 0; r < NRoles; r++ {
			if s.q[r] <= 0 {
				continue
			}
			x = stage3Features(s, r, scores, &ds, dc, lex, x)
			ups = append(ups, upd{s, r, sigmoid(logit(s.q[r]) + t.margin(x))})
		}
	}
	for _, u := range ups {
		u.s.q[u.r] = u.q
	}
}

// trainStage3 fits the trees on the out-of-fold second-stage scores of the documents keep
// accepts.
func trainStage3(oof []oofDoc, keep func(i int) bool) *Trees {
	var X [][]float32
	var y []bool
	var base []float64
	for i, d := range oof {
		if !keep(i) {
			continue
		}
		ds := summarise(d.scores, d.dc)
		for _, s := range d.scores {
			for r := 0; r < NRoles; r++ {
				if s.q[r] <= 0 {
					continue
				}
				X = append(X, stage3Features(s, r, d.scores, &ds, d.dc, d.lex, nil))
				y = append(y, isGold(d.gold[r], s.norm))
				base = append(base, logit(s.q[r]))
			}
		}
	}
	return trainTrees(X, y, base, stage3Opts)
}

// stage3CV applies to every document trees trained on the other folds.
func stage3CV(oof []oofDoc, folds int) {
	crossFit(len(oof), folds,
		func(keep func(int) bool) *Trees { return trainStage3(oof, keep) },
		func(i int, t *Trees) { stage3Apply(t, oof[i].scores, oof[i].dc, oof[i].lex) })
}
