package ingest_test

import (
	"fmt"
	"strings"

	"github.com/sitrep/sitrep/internal/ingest"
)

func ExampleRead() {
	in := `{"id":"TST1-0001","text":"LIMA, 10 JAN 90 -- A bomb exploded.","published":"1990-01-10","dateline":"LIMA, 10 JAN 90"}
{"doc_id":"road_ied_8","text":"Roadside IED kills Russian major general in Syria","tokens":["Roadside","IED"]}
{"text":"No id: one is made from the text."}
`
	docs, err := ingest.Read(strings.NewReader(in), "docs.jsonl", ingest.KindAuto)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range docs {
		fmt.Printf("%s %q published=%q\n", d.ID, d.Text, d.Published)
	}
	// Output:
	// TST1-0001 "LIMA, 10 JAN 90 -- A bomb exploded." published="1990-01-10"
	// road_ied_8 "Roadside IED kills Russian major general in Syria" published=""
	// sha256:ba36091c803c1aca "No id: one is made from the text." published=""
}

func ExampleDetect() {
	fmt.Println(ingest.Detect("report.htm", nil))
	fmt.Println(ingest.Detect("-", []byte(`<?xml version="1.0"?><rss version="2.0">`)))
	fmt.Println(ingest.Detect("-", []byte("LIMA, 10 JAN 90 -- ...")))
	// Output:
	// html
	// feed
	// text
}
