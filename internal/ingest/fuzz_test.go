package ingest

import (
	"bytes"
	"os"
	"testing"
)

// addFixtures seeds a fuzz corpus with the testdata fixtures of the given names.
func addFixtures(f *testing.F, names ...string) {
	for _, n := range names {
		b, err := os.ReadFile("testdata/" + n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

// fuzzRead reads data as kind and checks the reader invariants: no panic, and on
// success every document has an ID and non-empty, valid UTF-8 text.
func fuzzRead(t *testing.T, data []byte, name string, kind Kind) {
	docs, err := Read(bytes.NewReader(data), name, kind)
	if err != nil {
		if len(docs) != 0 {
			t.Fatalf("error %v with %d documents", err, len(docs))
		}
		return
	}
	checkDocs(t, docs)
}

func FuzzReadText(f *testing.F) {
	addFixtures(f, "wire.txt")
	f.Add([]byte("\uFEFFa\r\nb"))
	f.Add([]byte{0xFF, 0xFE, 'a', 0, 0x00, 0xD8})
	f.Add([]byte("caf\xe9\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, data, "x.txt", KindText)
		// Detection never fails, whatever the bytes.
		_ = Detect("-", data)
	})
}

func FuzzReadJSONL(f *testing.F) {
	addFixtures(f, "edge.jsonl")
	f.Add([]byte(`{"id":"a","text":"x","published":"2024-01-01T00:00:00Z"}`))
	f.Add([]byte("{\"doc_id\":1e400,\"text\":\"\\ud800\"}\n\n{\"text\":\"\xff\"}"))
	f.Add([]byte(`{"text":"a","published":"2024-02-29 23:59:59.999+14:00"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, data, "x.jsonl", KindJSONL)
	})
}

func FuzzReadHTML(f *testing.F) {
	addFixtures(f, "news.html", "jsonld.html", "latin1.html")
	f.Add([]byte("<p>Two killed.</p>"))
	f.Add([]byte(`<html><head><meta charset="shift_jis"><script type="application/ld+json">[{"@graph":[{"datePublished":"x"}]}]</script></head><body><time datetime="2024-01-01">`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, data, "x.html", KindHTML)
	})
}

func FuzzReadFeed(f *testing.F) {
	addFixtures(f, "rss.xml", "atom.xml")
	f.Add([]byte(`<rss><channel><item><title>&lt;p&gt;x</title></item></channel></rss>`))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1","items":[{"id":"1","content_text":"x"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, data, "x.xml", KindFeed)
	})
}
