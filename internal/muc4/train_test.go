package muc4

import "testing"

func TestSplitHoldOut(t *testing.T) {
	tests := []struct {
		spec     string
		from, to int
		wantErr  bool
	}{
		{"", 0, 0, false},
		{"first:260", 0, 260, false},
		{"last:260", 1040, 1300, false},
		{"last:1299", 1, 1300, false},
		{"first:0", 0, 0, true},
		{"last:1300", 0, 0, true},
		{"middle:10", 0, 0, true},
		{"first:ten", 0, 0, true},
		{"260", 0, 0, true},
	}
	for _, tc := range tests {
		from, to, err := splitHoldOut(tc.spec, 1300)
		if (err != nil) != tc.wantErr || from != tc.from || to != tc.to {
			t.Errorf("splitHoldOut(%q) = %d, %d, %v; want %d, %d, error %v", tc.spec, from, to, err, tc.from, tc.to, tc.wantErr)
		}
	}
}
