package muc4

import (
	"encoding/json"
	"math"
	"testing"
)

// TestTrainTreesLearnsInteraction checks that the trees learn a label that needs two
// features at once (x0 AND x1) when the base margin says nothing.
func TestTrainTreesLearnsInteraction(t *testing.T) {
	var X [][]float32
	var y []bool
	var base []float64
	for i := 0; i < 400; i++ {
		a, b := i%2, (i/2)%2
		X = append(X, []float32{float32(a), float32(b), float32(i % 7)})
		y = append(y, a == 1 && b == 1)
		base = append(base, 0)
	}
	tr := trainTrees(X, y, base, treeOpts{Trees: 30, Depth: 2, LR: 0.3, Lambda: 1, MinHess: 1, Bins: 16})
	if err := tr.check(3); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		x    []float32
		want bool
	}{{[]float32{0, 0, 3}, false}, {[]float32{1, 0, 3}, false}, {[]float32{0, 1, 3}, false}, {[]float32{1, 1, 3}, true}} {
		if got := tr.margin(c.x) > 0; got != c.want {
			t.Errorf("margin(%v) = %.3f, want positive %v", c.x, tr.margin(c.x), c.want)
		}
	}
}

// TestTrainTreesKeepsBase checks that with nothing to learn the trees leave the base
// margin almost unchanged, and that training is deterministic.
func TestTrainTreesKeepsBase(t *testing.T) {
	var X [][]float32
	var y []bool
	var base []float64
	for i := 0; i < 1000; i++ {
		X = append(X, []float32{float32(i % 10)})
		y = append(y, (i/10)%4 == 0) // 25% positive whatever x is
		base = append(base, logit(0.25))
	}
	o := treeOpts{Trees: 20, Depth: 3, LR: 0.1, Lambda: 5, MinHess: 5, Bins: 32}
	a, b := trainTrees(X, y, base, o), trainTrees(X, y, base, o)
	for _, x := range []float32{0, 5, 9} {
		if m := a.margin([]float32{x}); math.Abs(m) > 0.1 {
			t.Errorf("margin(%v) = %.3f, want about 0", x, m)
		}
	}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if string(ja) != string(jb) {
		t.Error("training is not deterministic")
	}
}

func TestTreesCheck(t *testing.T) {
	for _, c := range []struct {
		name string
		tr   Trees
		ok   bool
	}{
		{"leaf", Trees{Trees: [][]treeNode{{{F: -1, V: 0.5}}}}, true},
		{"split", Trees{Trees: [][]treeNode{{{F: 1, T: 0.5, L: 1, R: 2}, {F: -1}, {F: -1}}}}, true},
		{"empty tree", Trees{Trees: [][]treeNode{{}}}, false},
		{"feature out of range", Trees{Trees: [][]treeNode{{{F: 9, L: 1, R: 2}, {F: -1}, {F: -1}}}}, false},
		{"child loops back", Trees{Trees: [][]treeNode{{{F: 0, L: 0, R: 1}, {F: -1}}}}, false},
		{"child out of range", Trees{Trees: [][]treeNode{{{F: 0, L: 1, R: 5}, {F: -1}}}}, false},
	} {
		if err := c.tr.check(3); (err == nil) != c.ok {
			t.Errorf("%s: check = %v, want ok %v", c.name, err, c.ok)
		}
	}
}

func TestStage3FeaturesWidth(t *testing.T) {
	a := &strScore{norm: "urban guerrillas", n: 2, whole: 1}
	b := &strScore{norm: "guerrillas", n: 3}
	a.q[PerpInd], a.p[PerpInd], b.q[PerpInd] = 0.4, 0.3, 0.6
	all := []*strScore{a, b}
	ds := summarise(all, docCtx{rel: 0.9, typ: "BOMBING"})
	if ds.typ != 1 || ds.top[PerpInd] != 0.6 || ds.n2[PerpInd] != 2 || ds.n5[PerpInd] != 1 {
		t.Errorf("summarise = %+v", ds)
	}
	for r := 0; r < NRoles; r++ {
		if got := len(stage3Features(a, r, all, &ds, docCtx{rel: 0.9, typ: "BOMBING"}, &Lexicon{}, nil)); got != stage3Width {
			t.Fatalf("role %d: %d features, stage3Width is %d", r, got, stage3Width)
		}
	}
	x := stage3Features(a, PerpInd, all, &ds, docCtx{}, nil, nil)
	// the longer string competes with a shorter one scoring 0.6
	if sub := x[NRoles+17]; sub != 0.6 {
		t.Errorf("sub = %v, want 0.6", sub)
	}
}
