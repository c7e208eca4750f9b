package lexicon

import "testing"

func TestLoadEveryFile(t *testing.T) {
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			m, err := Load(name)
			if err != nil {
				t.Fatal(err)
			}
			if len(m.Entries()) == 0 {
				t.Fatalf("%s: no entries", name)
			}
			p, n := m.Size()
			t.Logf("%s: %d entries, %d phrases, %d trie nodes", name, len(m.Entries()), p, n)
		})
	}
}
