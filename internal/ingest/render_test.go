package ingest

import (
	"strings"
	"testing"
)

func TestHTMLToText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain text", "Two killed in blast", "Two killed in blast"},
		{"entities", "AT&amp;T &lt;b&gt; &quot;x&quot;", `AT&T <b> "x"`},
		{"paragraphs", "<p>One.</p><p>Two.</p>", "One.\n\nTwo."},
		{"white space collapses", "<p>  One\n   two\t three  </p>", "One two three"},
		{"inline elements", "<p>a<b>b</b>c <i>d</i> e</p>", "abc d e"},
		{"br", "line one<br>line two", "line one\nline two"},
		{"double br", "para one<br><br>para two", "para one\n\npara two"},
		{"leading br", "<br><br>text", "text"},
		{"nested divs", "<div><div><p>a</p></div><div>b</div></div>", "a\n\nb"},
		{"list", "<ul><li>first</li><li>second</li></ul>", "first\n\nsecond"},
		{"table", "<table><tr><th>Name</th><th>Killed</th></tr><tr><td>A</td><td>3</td></tr></table>", "Name\tKilled\nA\t3"},
		{"pre keeps spaces", "<pre>a   b\n  c</pre>", "a   b\nc"},
		{"nbsp kept inside", "<p>ISIS.&nbsp;Then</p>", "ISIS.\u00a0Then"},
		{"nbsp-only paragraph", "<p>a</p><p>&nbsp;</p><p>b</p>", "a\n\nb"},
		{"script and style", "<p>a<script>var x;</script><style>p{}</style> b</p>", "a b"},
		{"hidden", "<p>a</p><p hidden>x</p><div style=\"display: none\">y</div><span aria-hidden=\"true\">z</span><p>b</p>", "a\n\nb"},
		{"advertisement block", "<p>a</p><div>Advertisement</div><p>b</p>", "a\n\nb"},
		{"advertisement in sentence", "<p>An advertisement was found.</p>", "An advertisement was found."},
		{"read more link", "<p>a</p><p><a href=x>Read more: other story</a></p>", "a"},
		{"read more with text", "<p>Read more about the attack below.</p>", "Read more about the attack below."},
		{"crlf", "<pre>a\r\nb</pre>", "a\nb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := htmlToText(tt.in); got != tt.want {
				t.Errorf("htmlToText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTidyText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{" \n\n ", ""},
		{"\n\n a \n\n\n\n b \t\n", "a\n\nb"},
		{"a\nb", "a\nb"},
		{"\u00a0a\u00a0b\u00a0", "a\u00a0b"},
	}
	for _, tt := range tests {
		if got := tidyText(tt.in); got != tt.want {
			t.Errorf("tidyText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := htmlToText(strings.Repeat("<div>", 5000) + "deep" + strings.Repeat("</div>", 5000)); got != "deep" {
		t.Errorf("deep nesting: %.100q", got)
	}
}
