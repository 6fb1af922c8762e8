package eval

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/heraldnews/herald/article"
)

func eventsEv(plover, src, tgt string) article.Event {
	return article.Event{Plover: plover, Source: article.Actor{Code: src}, Target: article.Actor{Code: tgt}}
}

// The expected values are worked out by hand from testdata/events/gold.jsonl:
//
//	d1 REJECT FRD>SYL: REJECT FRDGOV>SYL          -> type right, full right
//	d2 FIGHT SYL>FRD:  FIGHT FRD>SYL, THREATEN    -> type right, countries wrong; THREATEN fp
//	d3 AGREE (no actors): AGREE with any actors   -> type right, full right
//	d4 COERCE: no prediction                      -> both wrong, COERCE fn
//
// type accuracy 3/4, full 2/4.
func TestScoreEvents(t *testing.T) {
	pred := map[string][]article.Event{
		"d1":    {eventsEv("REJECT", "FRDGOV", "SYL")},
		"d2":    {eventsEv("FIGHT", "FRD", "SYL"), eventsEv("THREATEN", "SYL", "FRD")},
		"d3":    {eventsEv("AGREE", "XYZ", "")},
		"other": {eventsEv("AID", "FRD", "SYL")},
	}
	s := ScoreEvents(filepath.Join("testdata", "events", "gold.jsonl"), pred)
	if s.Err != nil {
		t.Fatal(s.Err)
	}
	if s.N != 4 || s.Predicted != 3 {
		t.Errorf("N %d Predicted %d, want 4 3", s.N, s.Predicted)
	}
	if !eventsClose(s.TypeAccuracy, 0.75) || !eventsClose(s.FullAccuracy, 0.5) {
		t.Errorf("type %.3f full %.3f, want 0.75 0.5", s.TypeAccuracy, s.FullAccuracy)
	}
	want := map[string]EventTypeScore{
		"REJECT":   {TP: 1, Precision: 1, Recall: 1, F1: 1},
		"FIGHT":    {TP: 1, Precision: 1, Recall: 1, F1: 1},
		"AGREE":    {TP: 1, Precision: 1, Recall: 1, F1: 1},
		"COERCE":   {FN: 1},
		"THREATEN": {FP: 1},
	}
	if len(s.PerType) != len(want) {
		t.Errorf("per-type %v, want %v", s.PerType, want)
	}
	for k, w := range want {
		g := s.PerType[k]
		if g.TP != w.TP || g.FP != w.FP || g.FN != w.FN || !eventsClose(g.F1, w.F1) {
			t.Errorf("%s: got %+v, want %+v", k, g, w)
		}
	}
	if s.String() == "" {
		t.Error("empty String")
	}
}

func TestScoreEventsMissingGold(t *testing.T) {
	s := ScoreEvents(filepath.Join("testdata", "events", "absent.jsonl"), nil)
	if s.Err == nil {
		t.Fatal("want an error for a missing gold file")
	}
}

func eventsClose(a, b float64) bool { return math.Abs(a-b) < 1e-12 }
