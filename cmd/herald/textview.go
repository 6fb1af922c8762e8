package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/heraldnews/herald/article"
)

// writeText prints an article as a readable terminal report: structure, what cleaning
// removed, then entities, quotes and events with what they rest on.
func writeText(w io.Writer, a *article.Article) {
	rule := strings.Repeat("─", 72)
	fmt.Fprintln(w, rule)
	if a.Path != "" {
		fmt.Fprintf(w, "%s\n", a.Path)
	}
	fmt.Fprintf(w, "Title:     %s\n", a.Title)
	for _, f := range [][2]string{{"Subtitle", a.Subtitle}, {"Byline", a.Byline}, {"Published", a.Published}, {"URL", a.URL}} {
		if f[1] != "" {
			fmt.Fprintf(w, "%-10s %s\n", f[0]+":", f[1])
		}
	}
	fmt.Fprintf(w, "Language:  %s   paragraphs %d, sentences %d\n", a.Language, len(a.Paragraphs), len(a.Sentences))
	if len(a.Removed) > 0 {
		fmt.Fprintf(w, "\nRemoved by cleaning (%d):\n", len(a.Removed))
		for _, r := range a.Removed {
			fmt.Fprintf(w, "  %-20s %s\n", r.Kind, clip(r.Text, 90))
		}
	}
	fmt.Fprintf(w, "\nEntities (%d):\n", len(a.Entities))
	for _, e := range a.Entities {
		var facts []string
		if len(e.Roles) > 0 {
			facts = append(facts, "role "+strings.Join(e.Roles, ", "))
		}
		if e.Country != "" {
			facts = append(facts, "country "+e.Country)
		}
		if e.PostedTo != "" {
			facts = append(facts, "posted to "+e.PostedTo)
		}
		if e.Actor != "" {
			facts = append(facts, "actor "+e.Actor)
		}
		fmt.Fprintf(w, "  %-4s %-7s %-28s %s\n", e.ID, e.Type, e.Name, strings.Join(facts, "; "))
		var ms []string
		for _, m := range e.Mentions {
			ms = append(ms, fmt.Sprintf("%q", m.Text))
		}
		fmt.Fprintf(w, "       %d mention(s): %s\n", len(e.Mentions), clip(strings.Join(ms, " "), 100))
	}
	fmt.Fprintf(w, "\nQuotes (%d):\n", len(a.Quotes))
	for _, q := range a.Quotes {
		speaker := q.SpeakerName
		if speaker == "" {
			speaker = "(unknown)"
		}
		if q.Speaker != "" {
			// The resolved entity reads better than the phrase as written ("she").
			for _, e := range a.Entities {
				if e.ID == q.Speaker {
					speaker = e.Name
				}
			}
			speaker += " [" + q.Speaker + "]"
		}
		fmt.Fprintf(w, "  %-12s %s, cue %q", q.Kind, speaker, q.Cue)
		if len(q.Hedges) > 0 {
			fmt.Fprintf(w, ", hedged: %s", strings.Join(q.Hedges, ", "))
		}
		fmt.Fprintf(w, "\n               %s\n", clip(q.Text, 100))
	}
	fmt.Fprintf(w, "\nEvents (%d):\n", len(a.Events))
	for _, e := range a.Events {
		fmt.Fprintf(w, "  %s → %s  CAMEO %s %s (root %s, QuadClass %d, Goldstein %+.1f)  PLOVER %s",
			actorLabel(e.Source), actorLabel(e.Target), e.Cameo, e.CameoName, e.CameoRoot, e.QuadClass, e.Goldstein, e.Plover)
		if e.PloverMode != "" {
			fmt.Fprintf(w, "/%s", e.PloverMode)
		}
		fmt.Fprintf(w, "  [%s]\n", e.Modality)
		fmt.Fprintf(w, "       cue %q in sentence %d: %s\n", e.Cue, e.Sentence, clip(e.Evidence, 90))
	}
	fmt.Fprintln(w)
}

func actorLabel(a article.Actor) string {
	switch {
	case a.Name == "" && a.Code == "":
		return "(none)"
	case a.Code == "":
		return a.Name
	}
	return a.Name + " (" + a.Code + ")"
}

// clip shortens s to about n characters for one terminal line.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
