package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/sitrep/sitrep/internal/report"
)

// Fetch limits.
const (
	// MaxFetchBytes is the largest response body Fetch accepts (32 MiB).
	MaxFetchBytes = 32 << 20
	// FetchTimeout bounds a whole Fetch, when ctx has no earlier deadline.
	FetchTimeout = 30 * time.Second
)

// UserAgent is the User-Agent header Fetch sends.
const UserAgent = "sitrep (+https://github.com/sitrep/sitrep)"

// fetchLimit is MaxFetchBytes; tests lower it.
var fetchLimit int64 = MaxFetchBytes

// fetchClient is the client Fetch uses; tests may swap it.
var fetchClient = &http.Client{
	CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
			return fmt.Errorf("redirect to unsupported scheme %q", req.URL.Scheme)
		}
		return nil
	},
}

// Fetch downloads an http(s) URL and reads it as an HTML page or as a feed, by the
// response's Content-Type (text/html, application/xhtml+xml → html; RSS, Atom and XML
// types → feed; text/plain → text) or, when that says nothing useful, by sniffing the
// body with Detect. The HTML document's URL is the page's canonical URL, else the URL
// after redirects. Fetch gives up after FetchTimeout (or ctx's deadline, if sooner) and
// refuses bodies over MaxFetchBytes. Errors start with "fetch <url>".
func Fetch(ctx context.Context, rawURL string) ([]report.Document, error) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("fetch %s: not an http(s) URL", rawURL)
	}
	ctx, cancel := context.WithTimeout(ctx, FetchTimeout)
	defer cancel()
	fail := func(err error) error { return fmt.Errorf("fetch %s: %w", u, err) }

	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fail(err)
	}
	req.Header.Set("User-Agent", UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5")
	resp, err := fetchClient.Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, fail(fmt.Errorf("timed out: %w", err))
		}
		return nil, fail(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, fail(fmt.Errorf("http status %s", resp.Status))
	}
	tooLarge := fmt.Errorf("response is larger than the limit of %d bytes", fetchLimit)
	if resp.ContentLength > fetchLimit {
		return nil, fail(tooLarge)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, fetchLimit+1))
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, fail(fmt.Errorf("timed out reading body: %w", err))
		}
		return nil, fail(fmt.Errorf("read body: %w", err))
	}
	if int64(len(body)) > fetchLimit {
		return nil, fail(tooLarge)
	}

	final := u
	if resp.Request != nil && resp.Request.URL != nil {
		final = resp.Request.URL
	}
	contentType := resp.Header.Get("Content-Type")
	kind := kindOfContentType(contentType)
	if kind == KindAuto {
		kind = Detect(final.Path, body)
	} else if kind != KindFeed && sniff(body) == KindFeed {
		kind = KindFeed // feeds are often served as text/html or text/plain
	}
	var docs []report.Document
	switch kind {
	case KindHTML:
		docs, err = readHTML(body, contentType, final)
	case KindFeed:
		docs, err = readFeed(body)
	case KindJSONL:
		docs, err = Read(bytes.NewReader(body), final.Path, KindJSONL)
	default:
		docs, err = readText(body)
		for i := range docs {
			docs[i].URL = final.String()
		}
	}
	if err != nil {
		return nil, fail(err)
	}
	return docs, nil
}

// kindOfContentType maps a response's media type to a Kind, or KindAuto when the type
// is missing or generic.
func kindOfContentType(ct string) Kind {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return KindAuto
	}
	switch mt {
	case "text/html", "application/xhtml+xml":
		return KindHTML
	case "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json":
		return KindFeed
	case "application/xml", "text/xml":
		// Could be a feed or XHTML: let the content decide between them.
		return KindAuto
	case "text/plain":
		return KindText
	case "application/x-ndjson", "application/jsonl", "application/json":
		return KindJSONL
	}
	return KindAuto
}
