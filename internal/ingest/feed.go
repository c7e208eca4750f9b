package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/sitrep/sitrep/internal/report"
)

// readFeed makes one document per item of an RSS, Atom (or JSON Feed) document, in feed
// order. Text is the item's content, else its description, with markup reduced to plain
// text (else its title when it has no body); Title, URL (the item's link) and Published
// come from the item, Source is the feed's title, and ID is the item's GUID, else its
// link, else DocID(Text). Items with neither body nor title are skipped. A feed without
// items gives no documents and no error.
func readFeed(data []byte) (docs []report.Document, err error) {
	if isBlank(data) {
		return nil, ErrEmpty
	}
	defer func() {
		if r := recover(); r != nil {
			docs, err = nil, fmt.Errorf("parse feed: internal error: %v", r)
		}
	}()
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return nil, errors.New("parse feed: not an RSS or Atom feed")
		}
		return nil, fmt.Errorf("parse feed: %w", err)
	}
	source := cleanField(feed.Title)
	for _, it := range feed.Items {
		if it == nil {
			continue
		}
		d, ok := feedDoc(it)
		if !ok {
			continue
		}
		d.Source = source
		docs = append(docs, d)
	}
	return docs, nil
}

func feedDoc(it *gofeed.Item) (report.Document, bool) {
	title := cleanField(htmlToText(it.Title))
	text := htmlToText(it.Content)
	if text == "" {
		text = htmlToText(it.Description)
	}
	if text == "" {
		text = title
	}
	if text == "" {
		return report.Document{}, false
	}
	link := cleanField(it.Link)
	if link == "" && len(it.Links) > 0 {
		link = cleanField(it.Links[0])
	}
	d := report.Document{
		ID:    firstNonEmpty(it.GUID, link),
		Text:  text,
		Title: title,
		URL:   link,
	}
	if d.ID == "" {
		d.ID = DocID(text)
	}
	d.Published = feedDate(it.Published, it.PublishedParsed)
	if d.Published == "" {
		d.Published = feedDate(it.Updated, it.UpdatedParsed)
	}
	return d, true
}

// feedDate normalises an item date: the raw string when it has a known form, else the
// time gofeed parsed from it.
func feedDate(raw string, parsed *time.Time) string {
	if raw = strings.TrimSpace(raw); raw == "" {
		return ""
	}
	if n, ok := normalizeWebDate(raw); ok {
		return n
	}
	if parsed != nil && !parsed.IsZero() {
		return parsed.Format(time.RFC3339)
	}
	return ""
}
