package lexicon

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/sitrep/sitrep/internal/segment"
)

func benchDoc(b *testing.B) *segment.Doc {
	text, err := os.ReadFile(filepath.Join("testdata", "article.txt"))
	if err != nil {
		b.Fatal(err)
	}
	return segment.New(string(text))
}

// BenchmarkFind matches a 4.7 KB news article against lexicons; MB/s is of article text.
func BenchmarkFind(b *testing.B) {
	d := benchDoc(b)
	for _, bc := range []struct {
		name  string
		names []string
	}{
		{"groups", []string{Groups, Countries}},
		{"weapons", []string{Weapons}},
		{"geo", []string{Countries, Admins, Places}},
		{"all", Names()},
	} {
		m := MustLoad(bc.names...)
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(d.Text)))
			b.ReportAllocs()
			for b.Loop() {
				m.Find(d)
			}
		})
	}
}

// BenchmarkSegmentAndFind includes segmentation, for comparison.
func BenchmarkSegmentAndFind(b *testing.B) {
	d := benchDoc(b)
	m := MustLoad(Names()...)
	b.SetBytes(int64(len(d.Text)))
	b.ReportAllocs()
	for b.Loop() {
		m.Find(segment.New(d.Text))
	}
}

// BenchmarkLoadPlaces measures compiling the largest lexicon.
func BenchmarkLoadPlaces(b *testing.B) {
	for b.Loop() {
		if _, err := Load(Places); err != nil {
			b.Fatal(err)
		}
	}
}
