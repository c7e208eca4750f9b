package ingest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"

	"github.com/sitrep/sitrep/internal/report"
)

// readHTML makes one document of an HTML page: the article text that readability finds
// once navigation, footers and other boilerplate are stripped, with paragraphs separated
// by one blank line, plus the title, publication date, site name and canonical URL from
// the page's metadata. The encoding comes from a byte order mark, contentType's charset
// (when the page was fetched) or a <meta charset>, else it is UTF-8, with invalid bytes
// replaced by U+FFFD. Pages nested deeper than html.Parse allows (512 open elements) are
// an error. pageURL, when known, resolves relative links and is the
// document's URL when the page names no canonical one.
func readHTML(data []byte, contentType string, pageURL *url.URL) (docs []report.Document, err error) {
	if isBlank(data) {
		return nil, ErrEmpty
	}
	utf16 := bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF})
	if err := checkBinary(data); err != nil && !utf16 {
		return nil, err
	}
	data, err = decodeHTML(data, contentType)
	if err != nil {
		return nil, err
	}
	root, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("parse html: %w", err)
	}
	meta := scanMeta(root)
	stripBoilerplate(root)

	// Readability is third-party code run on untrusted input: a panic in it becomes an
	// error for this one page rather than the end of the program.
	defer func() {
		if r := recover(); r != nil {
			docs, err = nil, fmt.Errorf("extract article: internal error: %v", r)
		}
	}()
	parser := readability.NewParser()
	article, err := parser.ParseAndMutate(root, pageURL)
	if err != nil {
		return nil, fmt.Errorf("extract article: %w", err)
	}
	if article.Node == nil {
		return nil, ErrNoText
	}
	text := tidyText(renderText(article.Node))
	if text == "" {
		return nil, ErrNoText
	}

	d := report.Document{ID: DocID(text), Text: text}
	d.Title = firstNonEmpty(article.Title(), meta.get("og:title"), meta.get("twitter:title"), meta.jsonLD.headline, meta.title)
	d.Source = firstNonEmpty(meta.get("og:site_name"), meta.jsonLD.publisher, article.SiteName(), meta.get("application-name"))
	d.URL = resolveURL(baseURL(pageURL, meta.get("og:url")), meta.canonical, meta.get("og:url"))
	d.Published = meta.published()
	if d.Published == "" {
		// Readability parses dates we could not (in the local zone when they name
		// none), so only the calendar date is kept, which does not depend on the zone.
		if t, err := article.PublishedTime(); err == nil && !t.IsZero() {
			d.Published = t.Format(time.DateOnly)
		}
	}
	return []report.Document{d}, nil
}

// decodeHTML converts a page to UTF-8 and drops a byte order mark.
func decodeHTML(data []byte, contentType string) ([]byte, error) {
	enc, name, certain := charset.DetermineEncoding(data, contentType)
	// Without a byte order mark, a charset in contentType or a <meta charset>,
	// DetermineEncoding guesses windows-1252 for bytes that are not valid UTF-8. Such
	// pages are mostly UTF-8 with a few broken bytes, which CleanText marks with U+FFFD.
	if name == "utf-8" || (name == "windows-1252" && !certain && !declaresCharset(data)) {
		return bytes.TrimPrefix(data, bom), nil
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", name, err)
	}
	return bytes.TrimPrefix(out, bom), nil
}

// declaresCharset reports whether the start of a page names a charset in a <meta> tag.
func declaresCharset(data []byte) bool {
	head := data[:min(len(data), 1024)]
	return bytes.Contains(bytes.ToLower(head), []byte("charset"))
}

// tidyText cleans rendered text: CleanText, lines trimmed of white space (no-break
// spaces included), runs of blank lines reduced to one, no blank lines at either end.
func tidyText(s string) string {
	s = CleanText(s)
	var b strings.Builder
	b.Grow(len(s))
	blank := false
	for line := range strings.SplitSeq(s, "\n") {
		line = strings.TrimFunc(line, unicode.IsSpace)
		if line == "" {
			blank = b.Len() > 0
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
			if blank {
				b.WriteByte('\n')
			}
		}
		blank = false
		b.WriteString(line)
	}
	return b.String()
}

// htmlToText renders an HTML fragment (a feed item's content) as plain text with
// paragraphs separated by blank lines.
func htmlToText(fragment string) string {
	if !strings.ContainsAny(fragment, "<&") {
		return tidyText(fragment)
	}
	root, err := html.Parse(strings.NewReader(fragment))
	if err != nil {
		return tidyText(tokenText(fragment))
	}
	return tidyText(renderText(root))
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = cleanField(s); s != "" {
			return s
		}
	}
	return ""
}

// resolveURL picks the document URL: the first candidate that resolves (against pageURL
// when relative) to an absolute http(s) URL, else pageURL itself.
func resolveURL(pageURL *url.URL, candidates ...string) string {
	for _, c := range candidates {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		u, err := url.Parse(c)
		if err != nil {
			continue
		}
		if pageURL != nil {
			u = pageURL.ResolveReference(u)
		}
		if (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			return u.String()
		}
	}
	if pageURL != nil {
		return pageURL.String()
	}
	return ""
}

// baseURL is the URL that relative links resolve against: the page's own when known,
// else its og:url when that is absolute.
func baseURL(pageURL *url.URL, ogURL string) *url.URL {
	if pageURL != nil {
		return pageURL
	}
	u, err := url.Parse(strings.TrimSpace(ogURL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil
	}
	return u
}

// boilerplateClasses are class or id values that mark a whole element as page furniture.
var boilerplateClasses = []string{
	"footer", "site-footer", "page-footer", "global-footer", "site-header", "cookie-banner",
	"cookie-consent", "ad", "ads", "advert", "advertisement", "share-tools", "social-share",
	"share-buttons", "related", "related-stories", "related-articles", "read-more", "most-read",
	"newsletter-signup", "newsletter",
}

// boilerplateRoles are ARIA landmark roles of page furniture.
var boilerplateRoles = []string{"navigation", "contentinfo", "banner", "complementary", "search"}

// stripBoilerplate removes navigation, footers and asides before readability looks for
// the article, since readability sometimes keeps them as siblings of the main text.
// Elements that contain an <article> or <main> stay.
func stripBoilerplate(root *html.Node) {
	var doomed []*html.Node
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > 512 {
			return
		}
		if n.Type == html.ElementNode && isBoilerplate(n) && !containsContent(n, 0) {
			doomed = append(doomed, n)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(root, 0)
	for _, n := range doomed {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
}

func isBoilerplate(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Nav, atom.Footer, atom.Aside:
		return true
	case atom.Html, atom.Body, atom.Head:
		return false
	}
	if role := attr(n, "role"); role != "" {
		for _, r := range boilerplateRoles {
			if strings.EqualFold(role, r) {
				return true
			}
		}
	}
	id := strings.ToLower(attr(n, "id"))
	if strings.HasPrefix(id, "ad-") || strings.HasPrefix(id, "ad_") {
		return true
	}
	class := attr(n, "class")
	for _, c := range boilerplateClasses {
		if id == c || hasToken(class, c) {
			return true
		}
	}
	for _, c := range strings.Fields(strings.ToLower(class)) {
		if strings.HasPrefix(c, "ad-") || strings.HasPrefix(c, "ad_") {
			return true
		}
	}
	return false
}

func containsContent(n *html.Node, depth int) bool {
	if depth > 512 {
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == atom.Article || c.DataAtom == atom.Main) {
			return true
		}
		if containsContent(c, depth+1) {
			return true
		}
	}
	return false
}

// pageMeta is what scanMeta collects from a page before readability rewrites it.
type pageMeta struct {
	title     string            // <title>
	canonical string            // <link rel="canonical">
	metas     map[string]string // <meta name|property|itemprop=key content=...>, keys lowercased, first wins
	itemDate  string            // first itemprop="datePublished" element's datetime or content
	timePub   string            // first <time pubdate datetime>
	timeInArt string            // first <time datetime> inside <article>
	timeAny   string            // first <time datetime> anywhere
	jsonLD    struct {
		datePublished, headline, publisher string
	}
}

func (m *pageMeta) get(key string) string { return m.metas[key] }

// dateMetaNames are <meta> keys that carry a publication date, most specific first.
var dateMetaNames = []string{
	"article:published_time", "og:published_time", "datepublished", "date", "pubdate",
	"publishdate", "publish-date", "publish_date", "publication_date", "dc.date.issued",
	"dcterms.issued", "dc.date", "dcterms.date", "dcterms.created", "sailthru.date",
	"parsely-pub-date", "article.published", "og:article:published_time",
}

// published picks the page's publication date from its metadata, or "".
func (m *pageMeta) published() string {
	cands := []string{m.get("article:published_time"), m.jsonLD.datePublished, m.itemDate}
	for _, k := range dateMetaNames {
		cands = append(cands, m.get(k))
	}
	cands = append(cands, m.timePub, m.timeInArt, m.timeAny)
	for _, c := range cands {
		if c == "" {
			continue
		}
		if n, ok := normalizeWebDate(c); ok {
			return n
		}
	}
	return ""
}

// scanMeta walks the parsed page once and collects its metadata.
func scanMeta(root *html.Node) *pageMeta {
	m := &pageMeta{metas: map[string]string{}}
	var walk func(n *html.Node, inArticle bool, depth int)
	walk = func(n *html.Node, inArticle bool, depth int) {
		if depth > 512 { // html.Parse nests at most 512 deep; stay safe anyway
			return
		}
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Title:
				if m.title == "" && n.FirstChild != nil {
					m.title = textOf(n)
				}
			case atom.Meta:
				content := attr(n, "content")
				for _, k := range []string{"property", "name", "itemprop"} {
					if key := strings.ToLower(strings.TrimSpace(attr(n, k))); key != "" && content != "" {
						if _, seen := m.metas[key]; !seen {
							m.metas[key] = content
						}
					}
				}
			case atom.Link:
				if m.canonical == "" && hasToken(attr(n, "rel"), "canonical") {
					m.canonical = attr(n, "href")
				}
			case atom.Time:
				if dt := attr(n, "datetime"); dt != "" {
					if m.timePub == "" && hasAttr(n, "pubdate") {
						m.timePub = dt
					}
					if m.timeInArt == "" && inArticle {
						m.timeInArt = dt
					}
					if m.timeAny == "" {
						m.timeAny = dt
					}
				}
			case atom.Article:
				inArticle = true
			case atom.Script:
				if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") {
					m.readJSONLD(textOf(n))
				}
			}
			if m.itemDate == "" && strings.EqualFold(attr(n, "itemprop"), "datePublished") {
				m.itemDate = firstNonEmpty(attr(n, "datetime"), attr(n, "content"))
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inArticle, depth+1)
		}
	}
	walk(root, false, 0)
	return m
}

// readJSONLD takes datePublished, headline and publisher name from a JSON-LD block: from
// the first object (at any depth, including @graph lists) that has a datePublished, or
// failing that the first that has a headline.
func (m *pageMeta) readJSONLD(src string) {
	if m.jsonLD.datePublished != "" {
		return
	}
	src = strings.TrimSpace(src)
	src = strings.TrimSuffix(strings.TrimPrefix(src, "<![CDATA["), "]]>")
	var v any
	if err := json.Unmarshal([]byte(src), &v); err != nil {
		return
	}
	var visit func(v any, depth int) bool
	visit = func(v any, depth int) bool {
		if depth > 32 {
			return false
		}
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				if visit(e, depth+1) {
					return true
				}
			}
		case map[string]any:
			date, _ := x["datePublished"].(string)
			headline, _ := x["headline"].(string)
			if date != "" || (headline != "" && m.jsonLD.headline == "") {
				m.jsonLD.headline = firstNonEmpty(headline, m.jsonLD.headline)
				m.jsonLD.datePublished = date
				if p, ok := x["publisher"].(map[string]any); ok {
					name, _ := p["name"].(string)
					m.jsonLD.publisher = firstNonEmpty(name, m.jsonLD.publisher)
				}
				if date != "" {
					return true
				}
			}
			if g, ok := x["@graph"]; ok && visit(g, depth+1) {
				return true
			}
		}
		return false
	}
	visit(v, 0)
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return strings.TrimSpace(a.Val)
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// textOf is the concatenated text of n's text-node children.
func textOf(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}
