package muc4

// The role gate decides, per document and role, whether the role has any filler at all.
// Over half the wrong fillers fill a role the key leaves empty, often the only string
// that scored a little above the role's threshold. The gate sees how the second stage
// scored the document's strings for the role and for the other roles, and the
// document's relevance and likeliest incident type; it is a logistic regression trained
// on out-of-fold second-stage scores of dev.

// useGate adds the role gate.
var useGate = true

var gateOpts = trainOpts{K: 2, Epochs: 8, LR: 0.1, L2: 1e-4, MinDF: 3}

// topQ returns the three best second-stage probabilities of role r, the number of
// strings from 0.2 and from 0.5, and their sum.
func topQ(scores []*strScore, r int) (top [3]float64, n2, n5 int, sum float64) {
	for _, s := range scores {
		q := s.q[r]
		sum += q
		if q >= 0.2 {
			n2++
		}
		if q >= 0.5 {
			n5++
		}
		switch {
		case q > top[0]:
			top[0], top[1], top[2] = q, top[0], top[1]
		case q > top[1]:
			top[1], top[2] = q, top[1]
		case q > top[2]:
			top[2] = q
		}
	}
	return
}

func qbin(q float64) string { return itoa(min(int(q*10), 9)) }

// gateFeatures describe role r of a document from its second-stage scores.
func gateFeatures(scores []*strScore, r int, dc docCtx, out fvec) fvec {
	role := Roles[r]
	top, n2, n5, sum := topQ(scores, r)
	out = append(out, hstr(fnvOff, "bias"))
	out.add("r", role)
	out.add("q1", role, qbin(top[0]))
	out.add("q2", role, qbin(top[1]))
	out.add("q3", role, qbin(top[2]))
	out.add("q12", role, qbin(top[0]), qbin(top[1]))
	out.add("n2", role, itoa(min(n2, 5)))
	out.add("n5", role, itoa(min(n5, 5)))
	out.add("sum", role, binLog(int32(sum*4)))
	rb := relBins[int(dc.rel*10)]
	out.add("rel", role, rb)
	out.add("relq1", role, rb, qbin(top[0]))
	out.add("typ", role, dc.typ)
	out.add("typq1", role, dc.typ, qbin(top[0]))
	for o := 0; o < NRoles; o++ {
		if o == r {
			continue
		}
		ot, _, _, _ := topQ(scores, o)
		out.add("o", role, Roles[o], qbin(ot[0]))
	}
	return out
}

// gateProbs sets dc.role to the gate's probability that each role has a filler.
func gateProbs(gm *Linear, scores []*strScore, dc *docCtx) {
	if gm == nil {
		return
	}
	p := make([]float64, 2)
	var f fvec
	for r := 0; r < NRoles; r++ {
		f = gateFeatures(scores, r, *dc, f[:0])
		gm.probs(f, p)
		dc.role[r] = p[1]
	}
}

// trainGate fits the gate on the documents keep accepts.
func trainGate(oof []oofDoc, keep func(i int) bool, seed uint64) *Linear {
	var samples []sample
	for i, d := range oof {
		if !keep(i) {
			continue
		}
		for r := 0; r < NRoles; r++ {
			y := 0
			if len(d.gold[r]) > 0 {
				y = 1
			}
			samples = append(samples, sample{f: gateFeatures(d.scores, r, d.dc, nil), y: y, doc: int32(i)})
		}
	}
	o := gateOpts
	o.Seed = seed
	return trainLinear(samples, o)
}

// gateCV sets every document's gate probabilities from a gate trained on the other folds.
func gateCV(oof []oofDoc, folds int, seed uint64) {
	crossFit(len(oof), folds,
		func(keep func(int) bool) *Linear { return trainGate(oof, keep, seed) },
		func(i int, gm *Linear) { gateProbs(gm, oof[i].scores, &oof[i].dc) })
}
