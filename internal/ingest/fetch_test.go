package ingest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"
)

func TestFetch(t *testing.T) {
	news, err := os.ReadFile("testdata/news.html")
	if err != nil {
		t.Fatal(err)
	}
	rss, err := os.ReadFile("testdata/rss.xml")
	if err != nil {
		t.Fatal(err)
	}
	var gotUA string
	mux := http.NewServeMux()
	serve := func(path, ctype string, body []byte) {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			gotUA = r.Header.Get("User-Agent")
			if ctype != "" {
				w.Header().Set("Content-Type", ctype)
			}
			w.Write(body)
		})
	}
	serve("/article", "text/html; charset=utf-8", news)
	serve("/nocanonical", "text/html", []byte("<html><head><title>Plain</title></head><body><p>Three people were injured when a gas cylinder exploded in a restaurant kitchen on Sunday.</p></body></html>"))
	serve("/feed", "application/rss+xml", rss)
	serve("/feed.xml", "application/xml", rss)
	serve("/sniffed", "application/octet-stream", rss)
	serve("/mislabelled", "text/html; charset=utf-8", rss)
	serve("/plain", "text/plain; charset=utf-8", []byte("A bomb exploded.\r\n"))
	serve("/empty", "text/html", nil)
	serve("/nobody", "text/html", []byte("<html><head><title>x</title></head></html>"))
	serve("/notfeed", "application/rss+xml", []byte("<html><body>not a feed</body></html>"))
	serve("/big", "text/plain", []byte(strings.Repeat("x", 2000)))
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/nocanonical", http.StatusFound)
	})
	mux.HandleFunc("/missing", http.NotFound)
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done() // never answers before the client gives up
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	old := fetchLimit
	fetchLimit = 1000
	defer func() { fetchLimit = old }()

	t.Run("html", func(t *testing.T) {
		fetchLimit = old
		defer func() { fetchLimit = 1000 }()
		docs, err := Fetch(context.Background(), srv.URL+"/article")
		if err != nil {
			t.Fatal(err)
		}
		checkDocs(t, docs)
		if len(docs) != 1 {
			t.Fatalf("got %d documents", len(docs))
		}
		d := docs[0]
		// The canonical link is relative: it resolves against the fetched URL.
		if d.URL != srv.URL+"/world/2024/05/14/car-bomb-market" {
			t.Errorf("URL = %q", d.URL)
		}
		if d.Title != "Car bomb kills 12 in market town" || d.Published != "2024-05-14T09:32:00+03:00" || d.Source != "The Daily Ledger" {
			t.Errorf("metadata = %+v", d)
		}
		if !strings.HasPrefix(d.Text, "A car bomb exploded") {
			t.Errorf("Text = %q", d.Text)
		}
		if gotUA != UserAgent {
			t.Errorf("User-Agent = %q", gotUA)
		}
	})

	ok := []struct {
		path    string
		n       int
		wantURL string
	}{
		{"/nocanonical", 1, srv.URL + "/nocanonical"},
		{"/moved", 1, srv.URL + "/nocanonical"},
		{"/plain", 1, srv.URL + "/plain"},
	}
	for _, tt := range ok {
		t.Run(tt.path, func(t *testing.T) {
			docs, err := Fetch(context.Background(), srv.URL+tt.path)
			if err != nil {
				t.Fatal(err)
			}
			checkDocs(t, docs)
			if len(docs) != tt.n || docs[0].URL != tt.wantURL {
				t.Errorf("got %+v", docs)
			}
		})
	}
	for _, path := range []string{"/feed", "/feed.xml", "/sniffed", "/mislabelled"} {
		t.Run(path, func(t *testing.T) {
			fetchLimit = old
			defer func() { fetchLimit = 1000 }()
			docs, err := Fetch(context.Background(), srv.URL+path)
			if err != nil {
				t.Fatal(err)
			}
			checkDocs(t, docs)
			if len(docs) != 3 || docs[0].ID != "wire-2024-0001" {
				t.Errorf("got %d documents: %+v", len(docs), docs)
			}
		})
	}

	errs := []struct{ url, want string }{
		{srv.URL + "/missing", "http status 404 Not Found"},
		{srv.URL + "/empty", "empty input"},
		{srv.URL + "/nobody", "no readable text in page"},
		{srv.URL + "/notfeed", "parse feed"},
		{srv.URL + "/big", "response is larger than the limit of 1000 bytes"},
		{"ftp://example.com/x", "not an http(s) URL"},
		{"/relative/path", "not an http(s) URL"},
		{"http://", "not an http(s) URL"},
	}
	for _, tt := range errs {
		t.Run(tt.url, func(t *testing.T) {
			_, err := Fetch(context.Background(), tt.url)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "fetch ") {
				t.Errorf("err = %v, want one containing %q", err, tt.want)
			}
		})
	}

	t.Run("timeout", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		_, err := Fetch(ctx, srv.URL+"/slow")
		if err == nil || !strings.Contains(err.Error(), "timed out") {
			t.Errorf("err = %v, want a time-out error", err)
		}
	})
}

func TestKindOfContentType(t *testing.T) {
	tests := map[string]Kind{
		"text/html; charset=ISO-8859-1": KindHTML,
		"application/xhtml+xml":         KindHTML,
		"application/rss+xml":           KindFeed,
		"application/atom+xml":          KindFeed,
		"text/xml":                      KindAuto,
		"text/plain":                    KindText,
		"application/x-ndjson":          KindJSONL,
		"application/octet-stream":      KindAuto,
		"":                              KindAuto,
		"garbage;;":                     KindAuto,
	}
	for ct, want := range tests {
		if got := kindOfContentType(ct); got != want {
			t.Errorf("kindOfContentType(%q) = %q, want %q", ct, got, want)
		}
	}
}
