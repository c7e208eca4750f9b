package eval

import "math"

// Assign solves the assignment problem exactly (Hungarian method, Kuhn-Munkres with
// potentials, O(n²m)): given an n×m similarity matrix, it returns the one-to-one matching
// of rows to columns that maximises the total similarity, using min(n, m) pairs. rowTo[i]
// is the column matched to row i, or -1. total is the sum of the matched similarities.
// Rows of sim must all have the same length; an empty matrix gives total 0.
func Assign(sim [][]float64) (rowTo []int, total float64) {
	n := len(sim)
	rowTo = make([]int, n)
	for i := range rowTo {
		rowTo[i] = -1
	}
	if n == 0 || len(sim[0]) == 0 {
		return rowTo, 0
	}
	m := len(sim[0])
	if n > m {
		// The algorithm needs rows ≤ columns: solve the transpose.
		t := make([][]float64, m)
		for j := range t {
			t[j] = make([]float64, n)
			for i := range n {
				t[j][i] = sim[i][j]
			}
		}
		colTo, tot := Assign(t)
		for j, i := range colTo {
			if i >= 0 {
				rowTo[i] = j
			}
		}
		return rowTo, tot
	}

	// Minimise cost = -sim. Arrays are 1-based; index 0 is the virtual start column.
	inf := math.Inf(1)
	u := make([]float64, n+1)
	v := make([]float64, m+1)
	p := make([]int, m+1) // p[j]: row matched to column j (0 = none)
	way := make([]int, m+1)
	minv := make([]float64, m+1)
	used := make([]bool, m+1)
	for i := 1; i <= n; i++ {
		p[0] = i
		j0 := 0
		for j := range minv {
			minv[j] = inf
			used[j] = false
		}
		for {
			used[j0] = true
			i0 := p[j0]
			delta := inf
			j1 := 0
			for j := 1; j <= m; j++ {
				if used[j] {
					continue
				}
				cur := -sim[i0-1][j-1] - u[i0] - v[j]
				if cur < minv[j] {
					minv[j] = cur
					way[j] = j0
				}
				if minv[j] < delta {
					delta = minv[j]
					j1 = j
				}
			}
			for j := 0; j <= m; j++ {
				if used[j] {
					u[p[j]] += delta
					v[j] -= delta
				} else {
					minv[j] -= delta
				}
			}
			j0 = j1
			if p[j0] == 0 {
				break
			}
		}
		for j0 != 0 {
			j1 := way[j0]
			p[j0] = p[j1]
			j0 = j1
		}
	}
	for j := 1; j <= m; j++ {
		if p[j] != 0 {
			rowTo[p[j]-1] = j - 1
			total += sim[p[j]-1][j-1]
		}
	}
	return rowTo, total
}
