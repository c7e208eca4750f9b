package ingest

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// renderText renders an HTML tree as plain text for extraction: every block element
// (p, div, h1, li, blockquote, figure, ...) is a paragraph of its own, separated from
// the next by a blank line; <br> breaks the line; table cells are separated by tabs and
// rows by line breaks; runs of HTML white space collapse to one space except inside
// <pre>. No-break spaces are kept. Scripts, styles, forms' controls, media and hidden
// elements give no text, nor do blocks that are only page furniture ("Advertisement",
// "Read more: ..." links). The result still needs tidyText.
func renderText(root *html.Node) string {
	var w textWriter
	w.node(root, false, 0)
	return w.b.String()
}

// textWriter accumulates rendered text, holding back separators until the next word so
// that none pile up at the ends of blocks.
type textWriter struct {
	b        strings.Builder
	breaks   int  // line breaks owed before the next word (0, 1 or 2)
	sep      byte // ' ' or '\t' owed before the next word on the same line, or 0
	rowStart bool // no cell written yet in the current table row
}

// blockBreak asks for a paragraph break (n=2) or a line break (n=1) before the next word.
func (w *textWriter) blockBreak(n int) {
	if w.b.Len() > 0 && n > w.breaks {
		w.breaks = n
	}
}

func (w *textWriter) word(s string) {
	if w.breaks > 0 {
		w.b.WriteString("\n\n"[:w.breaks])
		w.breaks, w.sep = 0, 0
	} else if w.sep != 0 && w.b.Len() > 0 {
		w.b.WriteByte(w.sep)
	}
	w.sep = 0
	w.b.WriteString(s)
}

func (w *textWriter) text(s string, pre bool) {
	if pre {
		if s != "" {
			w.word(s)
		}
		return
	}
	start := -1
	for i := 0; i < len(s); i++ {
		if isHTMLSpace(s[i]) {
			if start >= 0 {
				w.word(s[start:i])
				start = -1
			}
			if w.sep == 0 {
				w.sep = ' '
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		w.word(s[start:])
	}
}

func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

func (w *textWriter) node(n *html.Node, pre bool, depth int) {
	if depth > 1024 {
		return
	}
	switch n.Type {
	case html.TextNode:
		w.text(n.Data, pre)
		return
	case html.DocumentNode:
		w.children(n, pre, depth)
		return
	case html.ElementNode:
	default:
		return
	}
	if isHidden(n) {
		return
	}
	switch n.DataAtom {
	case atom.Head, atom.Script, atom.Style, atom.Template, atom.Noscript, atom.Iframe,
		atom.Svg, atom.Math, atom.Canvas, atom.Video, atom.Audio, atom.Object, atom.Embed,
		atom.Select, atom.Textarea, atom.Button, atom.Input, atom.Title, atom.Img, atom.Picture:
		return
	case atom.Br:
		w.breaks = min(w.breaks+1, 2)
		if w.b.Len() == 0 {
			w.breaks = 0
		}
		return
	case atom.Hr:
		w.blockBreak(2)
		return
	case atom.Tr:
		w.blockBreak(1)
		w.rowStart = true
		w.children(n, pre, depth)
		w.blockBreak(1)
		return
	case atom.Td, atom.Th:
		if !w.rowStart && w.breaks == 0 {
			w.sep = '\t'
		}
		w.rowStart = false
		w.children(n, pre, depth)
		if w.breaks == 0 {
			w.sep = '\t'
		}
		return
	case atom.Pre:
		w.blockBreak(2)
		w.children(n, true, depth)
		w.blockBreak(2)
		return
	}
	if isBlock(n.DataAtom) {
		if isFurniture(n) {
			return
		}
		w.blockBreak(2)
		w.children(n, pre, depth)
		w.blockBreak(2)
		return
	}
	w.children(n, pre, depth)
}

func (w *textWriter) children(n *html.Node, pre bool, depth int) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.node(c, pre, depth+1)
	}
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Header, atom.Footer, atom.Main,
		atom.Aside, atom.Nav, atom.Blockquote, atom.Figure, atom.Figcaption, atom.H1, atom.H2,
		atom.H3, atom.H4, atom.H5, atom.H6, atom.Ul, atom.Ol, atom.Li, atom.Dl, atom.Dt, atom.Dd,
		atom.Table, atom.Caption, atom.Thead, atom.Tbody, atom.Tfoot, atom.Address, atom.Details,
		atom.Summary, atom.Form, atom.Fieldset, atom.Center, atom.Body, atom.Html:
		return true
	}
	return false
}

// isHidden reports whether an element is hidden from readers.
func isHidden(n *html.Node) bool {
	if hasAttr(n, "hidden") || strings.EqualFold(attr(n, "aria-hidden"), "true") {
		return true
	}
	style := strings.ToLower(attr(n, "style"))
	if style == "" {
		return false
	}
	style = strings.ReplaceAll(style, " ", "")
	return strings.Contains(style, "display:none") || strings.Contains(style, "visibility:hidden")
}

// furniturePhrases are whole-block texts that are page furniture, not report text.
var furniturePhrases = []string{
	"advertisement", "advertisement - scroll to continue", "story continues below advertisement",
	"continue reading below", "scroll to continue with content", "skip advertisement",
}

// linkPrefixes start the text of blocks that only point to other stories.
var linkPrefixes = []string{"read more", "read also", "also read", "related:", "related stories", "see also", "more:"}

// isFurniture reports whether a block is page furniture: one whose whole text is an
// advertisement marker, or a block made only of links whose text starts like a pointer
// to another story ("Read more: ...").
func isFurniture(n *html.Node) bool {
	var all, linked strings.Builder
	budget := 2000 // nodes to look at: furniture blocks are small
	collectText(n, &all, &linked, false, &budget)
	text := strings.ToLower(strings.Join(strings.Fields(all.String()), " "))
	if text == "" || len(text) > 200 {
		return false
	}
	for _, p := range furniturePhrases {
		if text == p {
			return true
		}
	}
	if strings.Join(strings.Fields(linked.String()), " ") != strings.Join(strings.Fields(all.String()), " ") {
		return false
	}
	for _, p := range linkPrefixes {
		if strings.HasPrefix(text, p) {
			return true
		}
	}
	return false
}

// collectText gathers n's text into all, and the part inside links into linked.
func collectText(n *html.Node, all, linked *strings.Builder, inLink bool, budget *int) {
	if *budget <= 0 || all.Len() > 400 {
		*budget = 0
		return
	}
	*budget--
	if n.Type == html.TextNode {
		all.WriteString(n.Data)
		all.WriteByte(' ')
		if inLink {
			linked.WriteString(n.Data)
			linked.WriteByte(' ')
		}
		return
	}
	if n.Type == html.ElementNode && n.DataAtom == atom.A {
		inLink = true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		collectText(c, all, linked, inLink, budget)
	}
}

// tokenText is the fallback of renderText for markup that html.Parse refuses (elements
// nested deeper than it allows): it tokenizes the input and keeps the text, with block
// tags as paragraph breaks and <br> as line breaks, skipping scripts and styles.
func tokenText(s string) string {
	var w textWriter
	z := html.NewTokenizer(strings.NewReader(s))
	skip := atom.Atom(0)
	for {
		switch z.Next() {
		case html.ErrorToken:
			return w.b.String()
		case html.TextToken:
			if skip == 0 {
				w.text(string(z.Text()), false)
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch {
			case skip != 0:
				if a == skip {
					skip = 0
				}
			case a == atom.Script || a == atom.Style || a == atom.Head || a == atom.Template:
				skip = a
			case a == atom.Br:
				w.breaks = min(w.breaks+1, 2)
			case a == atom.Tr:
				w.blockBreak(1)
			case a == atom.Td || a == atom.Th:
				w.sep = '\t'
			case isBlock(a) || a == atom.Hr || a == atom.Pre:
				w.blockBreak(2)
			}
		}
	}
}
