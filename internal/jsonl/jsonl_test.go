package jsonl

import (
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	type rec struct{ ID string }
	got, err := Read[rec](strings.NewReader("{\"ID\":\"a\"}\n\n  \n{\"ID\":\"b\"}"))
	if err != nil || len(got) != 2 || got[0].ID != "a" || got[1].ID != "b" {
		t.Fatalf("Read = %+v, %v; want a, b", got, err)
	}
	if _, err := Read[rec](strings.NewReader("{\"ID\":\"a\"}\n{bad\n")); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("bad line: error %v, want one naming line 2", err)
	}
	if _, err := ReadFile[rec]("/nonexistent.jsonl"); err == nil || !strings.Contains(err.Error(), "/nonexistent.jsonl") {
		t.Errorf("missing file: error %v, want one naming the file", err)
	}
}
