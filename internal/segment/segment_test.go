package segment

import (
	"strings"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string // Norm of each token
	}{
		{"plain", "At least 60 people dead.", []string{"at", "least", "60", "people", "dead", "."}},
		{"thousands", "1,200 killed, 3.5 km", []string{"1,200", "killed", ",", "3.5", "km"}},
		{"hyphen", "al-Shabaab and Deir ez-Zor", []string{"al-shabaab", "and", "deir", "ez-zor"}},
		{"possessive", "Russia’s capital, ISIS's claim", []string{"russia", "'s", "capital", ",", "isis", "'s", "claim"}},
		{"abbrev", "the U.S. government", []string{"the", "u.s.", "government"}},
		{"curly quotes", "called it a “terrible tragedy”", []string{"called", "it", "a", "\"", "terrible", "tragedy", "\""}},
		{"dash", "war—again – 20-year-old", []string{"war", "-", "again", "-", "20-year-old"}},
		{"nbsp", "ISIS.\u00a0Next", []string{"isis", ".", "next"}},
		{"caps", "THE FMLN ATTACKED", []string{"the", "fmln", "attacked"}},
		{"ordinal", "the 20th floor", []string{"the", "20th", "floor"}},
		{"accent", "Cafetería Rolando", []string{"cafetería", "rolando"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := Tokenize(tt.in)
			var got []string
			for _, tk := range toks {
				got = append(got, tk.Norm)
				if tk.Start < 0 || tk.End > len(tt.in) || tk.Start >= tk.End {
					t.Fatalf("bad span %d:%d", tk.Start, tk.End)
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Tokenize(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTokenOffsets(t *testing.T) {
	in := "Moscow’s “Crocus” hall"
	toks := Tokenize(in)
	want := []string{"Moscow", "’s", "“", "Crocus", "”", "hall"}
	if len(toks) != len(want) {
		t.Fatalf("got %d tokens, want %d", len(toks), len(want))
	}
	for i, w := range want {
		if got := in[toks[i].Start:toks[i].End]; got != w {
			t.Errorf("token %d text = %q, want %q", i, got, w)
		}
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"two", "He said so. She did not.", []string{"He said so.", "She did not."}},
		{"abbrev", "Maj. Gen. Smith died on Oct. 3 in the U.S. He was 50.", []string{"Maj. Gen. Smith died on Oct. 3 in the U.S. He was 50."}},
		{"quote", "He said, \"It is over.\" Then he left.", []string{"He said, \"It is over.\"", "Then he left."}},
		{"paragraph", "Title line\n\nBody starts here.", []string{"Title line", "Body starts here."}},
		{"lowercase next", "about 3 p.m. local time.", []string{"about 3 p.m. local time."}},
		{"initial", "J. Smith said.", []string{"J. Smith said."}},
		{"caps wire", "THE ARMY DENIED IT.  A REPORT SAYS SO.", []string{"THE ARMY DENIED IT.", "A REPORT SAYS SO."}},
		{"question", "Why? Nobody knows!", []string{"Why?", "Nobody knows!"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := New(tt.in)
			var got []string
			for _, s := range d.Sentences {
				got = append(got, tt.in[s.Start:s.End])
			}
			if strings.Join(got, "¦") != strings.Join(tt.want, "¦") {
				t.Errorf("sentences of %q\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestAllCaps(t *testing.T) {
	if !New("THE GUATEMALA ARMY DENIED TODAY THAT GUERRILLAS ATTACKED THE FARM.").AllCaps {
		t.Error("wire copy not seen as all caps")
	}
	if New("The Guatemala army denied today that guerrillas attacked the farm.").AllCaps {
		t.Error("mixed case seen as all caps")
	}
}

func TestSentenceOf(t *testing.T) {
	d := New("One two. Three four. Five.")
	for i := range d.Tokens {
		s := d.SentenceOf(i)
		if i < d.Sentences[s].First || i >= d.Sentences[s].Last {
			t.Errorf("token %d mapped to sentence %d [%d,%d)", i, s, d.Sentences[s].First, d.Sentences[s].Last)
		}
	}
}

func FuzzSegment(f *testing.F) {
	f.Add("At least 60 people dead. U.S. officials said.")
	f.Add("ISIS’s “claim”\u00a0— 1,200.5")
	f.Fuzz(func(t *testing.T, s string) {
		d := New(s)
		prev := 0
		for _, tk := range d.Tokens {
			if tk.Start < prev || tk.End <= tk.Start || tk.End > len(s) {
				t.Fatalf("bad token span %d:%d (prev end %d, len %d)", tk.Start, tk.End, prev, len(s))
			}
			prev = tk.End
		}
		for _, se := range d.Sentences {
			if se.First >= se.Last || se.Last > len(d.Tokens) {
				t.Fatalf("bad sentence %+v", se)
			}
		}
	})
}

func TestGluedSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Roadside IED kills general in SyriaThe desert is vast.", []string{"Roadside IED kills general in Syria", "The desert is vast."}},
		{"Al-Monitor online reported.Major General Smith died.", []string{"Al-Monitor online reported.", "Major General Smith died."}},
		{"in Afghanistan.They killed 23.", []string{"in Afghanistan.", "They killed 23."}},
		{"he said.“They changed tactics.”", []string{"he said.", "“They changed tactics.”"}},
		{"McDonald's and YouTube and iPhone stay.", []string{"McDonald's and YouTube and iPhone stay."}},
	}
	for _, tt := range tests {
		d := New(tt.in)
		var got []string
		for _, s := range d.Sentences {
			got = append(got, tt.in[s.Start:s.End])
		}
		if strings.Join(got, "¦") != strings.Join(tt.want, "¦") {
			t.Errorf("sentences of %q\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestHyphenCompoundStaysWhole(t *testing.T) {
	for _, in := range []string{"anti-ISIS", "pro-Assad", "US-backed"} {
		if toks := Tokenize(in); len(toks) != 1 {
			t.Errorf("Tokenize(%q) gave %d tokens, want 1", in, len(toks))
		}
	}
}
