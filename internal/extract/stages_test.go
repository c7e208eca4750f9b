package extract

import (
	"fmt"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/report"
)

// fig renders a figure as "category value qualifier [subset] [best] «evidence» (source)" so
// tests read like the text.
func fig(text string, f report.Figure) string {
	s := fmt.Sprintf("%s %d %s", f.Category, f.Value, f.Qualifier)
	if f.SubsetOf != nil {
		s += " of " + string(*f.SubsetOf)
	}
	if f.Best {
		s += " best"
	}
	s += " «" + f.Span.Of(text) + "»"
	if f.Source != nil {
		s += " (" + *f.Source + ")"
	}
	return s
}

func extractText(text string) report.Report {
	return testX.Extract(report.Document{ID: "t", Text: text, Published: "2024-03-23"})
}

func TestFigures(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"hedge and list", "A bomb exploded in Kabul on Friday, killing at least 12 people and wounding 30 others.",
			[]string{"killed 12 at_least best «killing at least 12 people»", "injured 30 exact best «wounding 30 others»"}},
		{"subset of hospitalized", "Gunmen opened fire at a mall in Nairobi. 145 people were hospitalized, 60 of whom are in serious condition.",
			[]string{"hospitalized 145 exact best «145 people were hospitalized»", "critical 60 exact of hospitalized «60 of whom are in serious condition»",
				"injured 145 exact best «145 people were hospitalized»"}},
		{"not people", "Gunmen stormed a hotel in Mogadishu. More than 70 ambulance teams were sent, two years after a similar attack.",
			nil},
		{"attributed toll", "A suicide bomber struck a mosque in Peshawar, killing 30 people, police said.",
			[]string{"killed 30 exact best «killing 30 people» (police)"}},
		{"revised toll wins", "A car bomb exploded in Baghdad on Monday, killing 20 people. The death toll later rose to 35, officials said.",
			[]string{"killed 20 exact «killing 20 people»", "killed 35 exact best «death toll later rose to 35» (officials)"}},
		{"range", "Gunmen attacked a village in Borno, killing between 20 and 30 villagers.",
			[]string{"killed 20 range best «killing between 20 and 30 villagers»"}},
		{"words", "A bomb blast in Quetta killed sixty-five people and injured a dozen.",
			[]string{"killed 65 exact best «killed sixty-five people»", "injured 12 exact best «injured a dozen»"}},
		{"attackers apart", "Gunmen stormed a school in Peshawar, killing 9 students. Three attackers were killed by police.",
			[]string{"killed 9 exact best «killing 9 students»", "killed 3 exact «Three attackers were killed»"}},
		{"list sum", "A parcel bomb exploded in Lyon on Friday. There were eight women, a 10-year-old girl and four men injured.",
			[]string{"injured 13 exact best «eight women, a 10-year-old girl and four men injured»"}},
		{"partial count", "A bomb exploded in a market in Kano, killing 15 people, including 3 children.",
			[]string{"killed 15 exact best «killing 15 people»", "killed 3 exact of killed «3 children»"}},
		{"zero", "A bomb exploded outside a bakery in Lyon. There were no casualties, the mayor said.",
			[]string{"killed 0 exact best «no casualties» (mayor)"}},
		{"cumulative apart", "A bomb exploded in Mogadishu on Sunday, killing 5 people. More than 1,000 people have been killed in such attacks since 2020.",
			[]string{"killed 5 exact best «killing 5 people»", "killed 1000 more_than «More than 1,000 people have been killed»"}},
		{"wire caps", "TERRORISTS ATTACKED A BUS IN LIMA YESTERDAY, KILLING 12 PEASANTS AND WOUNDING 4.",
			[]string{"killed 12 exact best «KILLING 12 PEASANTS»", "injured 4 exact best «WOUNDING 4»"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := extractText(tt.text)
			var got []string
			if len(r.Incidents) > 0 {
				for _, f := range r.Incidents[0].Figures {
					got = append(got, fig(tt.text, f))
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("figures of %q\n got:\n  %s\nwant:\n  %s", tt.text, strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

func TestPerpetrators(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string // "Name status"
	}{
		{"claim via outlet", "A bomb killed 10 people in Kabul on Friday. Islamic State claimed responsibility through its Amaq news agency.",
			[]string{"Islamic State claimed"}},
		{"denial by state", "Gunmen killed 40 people at a concert hall in Moscow. Ukraine, which is at war with Russia, denied any involvement.",
			[]string{"Ukraine denied"}},
		{"accusation", "A car bomb killed 8 soldiers in Diyarbakir. Officials blamed the PKK for the attack.",
			[]string{"Kurdistan Workers' Party accused"}},
		{"reported as fact", "Taliban fighters attacked a checkpoint in Helmand province, killing 5 policemen.",
			[]string{"Taliban reported_as_fact"}},
		{"attributed act", "Taliban gunmen stormed a school in Peshawar, killing 9 students, police said.",
			[]string{"Taliban accused"}},
		{"harmed group", "Seven Taliban militants were killed in an accidental explosion in Kandahar, police said.",
			[]string{"Taliban reported_as_fact"}},
		{"suspicion", "A bomb killed 13 people at a cafe in Madrid. The attack is widely believed to have been carried out by ETA.",
			[]string{"ETA suspected"}},
		{"mention only", "A bomb killed 3 people in Lyon. France has been on alert since Islamic State launched attacks in Paris in 2015.",
			nil},
		{"spokesman claims", "A suicide bomber killed 15 people at a hotel in Mogadishu. A spokesman for al-Shabaab said the group carried out the attack.",
			[]string{"al-Shabaab claimed"}},
		{"no claim", "A bomb killed 6 people in a market in Quetta. No group has claimed responsibility, but police suspect the Pakistani Taliban.",
			[]string{"Tehrik-i-Taliban Pakistan suspected"}},
		{"people indicted", "An assassination attempt on the president failed in Caracas on Saturday. Colonel Pedro Zambrano and Luis Guerra were indicted.",
			[]string{"Pedro Zambrano accused", "Luis Guerra accused"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := extractText(tt.text)
			var got []string
			if len(r.Incidents) > 0 {
				for _, p := range r.Incidents[0].Perpetrators {
					got = append(got, p.Name+" "+string(p.Status))
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("perpetrators of %q\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestStatements(t *testing.T) {
	tests := []struct {
		text, speaker, cue string
		quoted             bool
	}{
		{"Regional governor Andrey Vorobyov said everything was being done.", "Regional governor Andrey Vorobyov", "said", false},
		{"\"It is over,\" said the interior ministry.", "interior ministry", "said", true},
		{"According to state media, the attackers fled.", "state media", "According to", false},
		{"Moscow Mayor Sergei Sobyanin called the attack a \"terrible tragedy\".", "Moscow Mayor Sergei Sobyanin", "called", true},
		{"Ukraine, which has been at war with Russia for two years, denied any involvement.", "Ukraine", "denied", false},
	}
	for _, tt := range tests {
		r := extractText(tt.text)
		if len(r.Statements) != 1 {
			t.Errorf("%q: got %d statements, want 1", tt.text, len(r.Statements))
			continue
		}
		s := r.Statements[0]
		if s.Speaker != tt.speaker || s.Cue != tt.cue || s.Quoted != tt.quoted {
			t.Errorf("%q: got speaker %q cue %q quoted %v, want %q %q %v", tt.text, s.Speaker, s.Cue, s.Quoted, tt.speaker, tt.cue, tt.quoted)
		}
	}
}

func TestFlags(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []report.FlagKind
	}{
		{"outlet verifies", "A bomb killed 9 people in Kabul, police said. Business Times has been able to verify the claim made by ISIS.",
			[]report.FlagKind{report.FlagUnsupportedVerification}},
		{"official confirms", "A bomb exploded in Kabul on Friday. Police confirmed 12 dead, a spokesman said.",
			nil},
		{"evidence named", "A bomb exploded in Kabul. We verified the footage by comparing it with satellite images, the ministry said.",
			nil},
		{"passive confirmation", "A bomb exploded in Kabul, killing 9 people, police said. It has been confirmed that the group was behind it.",
			[]report.FlagKind{report.FlagUnsupportedVerification}},
		{"contradiction", "A bomb exploded in Kabul on Friday, killing 12 people, police said. The health ministry said 30 people were killed.",
			[]report.FlagKind{report.FlagContradiction}},
		{"claim confirmed by officials", "A bomb killed 9 people in Kabul, police said. Islamic State claimed responsibility. Officials confirmed that Islamic State fighters carried out the attack.",
			nil},
		{"no source at all", "A bomb exploded in a market in Kano on Friday, killing 15 people.",
			[]report.FlagKind{report.FlagUnsourcedClaim}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := extractText(tt.text)
			var got []report.FlagKind
			for _, f := range r.Flags {
				if f.Kind != "unconfirmed_claim" {
					got = append(got, f.Kind)
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("flags of %q\n got %v\nwant %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestNoIncident(t *testing.T) {
	for _, text := range []string{
		"The central bank raised interest rates on Tuesday, the governor said.",
		"A citizen of Kyrgyzstan pleaded not guilty to charges of lying to investigators about the Boston Marathon bombing. The judge ordered him held until trial. His attorney said he would appeal. Prosecutors said he lied.",
		"",
		"\x00\x01 binary-ish",
	} {
		if r := extractText(text); len(r.Incidents) != 0 {
			t.Errorf("%q: got incident %+v, want none", text, r.Incidents[0])
		}
	}
}

func TestUnconfirmedClaim(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"A bomb killed 9 people in Kabul, police said. Islamic State claimed responsibility through Amaq.", true},
		{"A bomb killed 9 people in Kabul, police said. Islamic State claimed responsibility. Officials confirmed that Islamic State fighters carried out the attack.", false},
		{"A bomb killed 9 people in Kabul, police said. Officials blamed the Taliban.", false},
	}
	for _, tt := range tests {
		r := extractText(tt.text)
		got := false
		for _, f := range r.Flags {
			if f.Kind == "unconfirmed_claim" {
				got = true
			}
		}
		if got != tt.want {
			t.Errorf("%q: unconfirmed_claim flag %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestSinglesAdd(t *testing.T) {
	text := "A roadside bomb hit a convoy near Deir ez-Zor on Monday. A major general was killed in the blast. A local commander of the National Defense Forces, a pro-Assad militia, was also reportedly killed."
	r := extractText(text)
	if len(r.Incidents) == 0 {
		t.Fatal("no incident")
	}
	if k := r.Incidents[0].Best(report.Killed); k == nil || k.Value != 2 {
		t.Errorf("killed best %+v, want 2 (two people counted one at a time)", k)
	}
}
