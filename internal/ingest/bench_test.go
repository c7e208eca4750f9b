package ingest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/report"
)

// benchJSONL builds a JSON Lines input of n documents whose text is real article text
// (the news.html fixture's paragraphs), with extra annotation keys to skip as in
// annotated corpora.
func benchJSONL(b *testing.B, n int) []byte {
	docs, err := ReadFile("testdata/news.html", KindHTML)
	if err != nil {
		b.Fatal(err)
	}
	text := docs[0].Text
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for i := range n {
		err := enc.Encode(map[string]any{
			"id":        fmt.Sprintf("doc-%06d", i),
			"text":      text,
			"published": "2024-05-14T09:32:00+03:00",
			"tokens":    strings.Fields(text),
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	return buf.Bytes()
}

func BenchmarkStreamJSONL(b *testing.B) {
	const n = 2000
	data := benchJSONL(b, n)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		count := 0
		err := Stream(bytes.NewReader(data), "bench.jsonl", "", func(report.Document) error {
			count++
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		if count != n {
			b.Fatalf("read %d documents, want %d", count, n)
		}
	}
}

func BenchmarkReadHTML(b *testing.B) {
	data, err := os.ReadFile("testdata/news.html")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		docs, err := Read(bytes.NewReader(data), "news.html", "")
		if err != nil || len(docs) != 1 {
			b.Fatalf("%d documents, %v", len(docs), err)
		}
	}
}

func BenchmarkReadText50MB(b *testing.B) {
	para := "A car bomb exploded near a crowded market on Tuesday, killing at least 12 people.\r\n"
	data := []byte(strings.Repeat(para, 50_000_000/len(para)))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		docs, err := Read(bytes.NewReader(data), "big.txt", "")
		if err != nil || len(docs) != 1 {
			b.Fatalf("%d documents, %v", len(docs), err)
		}
	}
}

func BenchmarkReadFileText50MB(b *testing.B) {
	para := "A car bomb exploded near a crowded market on Tuesday, killing at least 12 people.\n"
	path := b.TempDir() + "/big.txt"
	if err := os.WriteFile(path, []byte(strings.Repeat(para, 50_000_000/len(para))), 0o644); err != nil {
		b.Fatal(err)
	}
	fi, _ := os.Stat(path)
	b.SetBytes(fi.Size())
	b.ReportAllocs()
	for b.Loop() {
		docs, err := ReadFile(path, "")
		if err != nil || len(docs) != 1 {
			b.Fatalf("%d documents, %v", len(docs), err)
		}
	}
}
