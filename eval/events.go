package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/heraldnews/herald/article"
)

// EventScore is the PLOVER event-coding score on a gold file in the format of
// plover-gsr-dev.jsonl, computed as the reference scorer (score_events.py) does: a gold
// sentence's type is right when any predicted event of its document has the gold PLOVER
// type; type+source+target is right when one such event also has a source code whose
// first three letters are among the gold sources' (any source when there are none) and
// likewise a target.
type EventScore struct {
	N            int     // gold sentences
	Predicted    int     // gold sentences with an entry in the prediction map
	TypeAccuracy float64 // share of gold sentences whose type was predicted
	FullAccuracy float64 // share with type, source and target country right
	// PerType holds precision, recall and F1 of each PLOVER type over sentences: a
	// sentence counts a true positive for T when gold is T and some event is T, a false
	// positive for every other predicted type, and a false negative when gold T is missing.
	PerType map[string]EventTypeScore
	Err     error // reading the gold file failed; the figures are then zero
}

// EventTypeScore is the sentence-level score of one PLOVER type.
type EventTypeScore struct {
	TP, FP, FN            int
	Precision, Recall, F1 float64
}

func (s EventScore) String() string {
	if s.Err != nil {
		return "events: " + s.Err.Error()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "PLOVER events: type accuracy %.3f, type+source+target %.3f, n=%d, predicted docs=%d",
		s.TypeAccuracy, s.FullAccuracy, s.N, s.Predicted)
	types := make([]string, 0, len(s.PerType))
	for t := range s.PerType {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		v := s.PerType[t]
		fmt.Fprintf(&b, "\n  %-12s P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d)", t, v.Precision, v.Recall, v.F1, v.TP, v.FP, v.FN)
	}
	return b.String()
}

// eventsGold is one line of the gold file.
type eventsGold struct {
	ID     string        `json:"id"`
	Event  string        `json:"event"`
	Source []eventsActor `json:"source"`
	Target []eventsActor `json:"target"`
}

type eventsActor struct {
	Code string `json:"code"`
}

// ScoreEvents scores predicted events, keyed by document name (the gold id: the text
// file's base name without .txt), against the gold JSONL file goldJSONL.
func ScoreEvents(goldJSONL string, pred map[string][]article.Event) EventScore {
	gold, err := eventsLoad(goldJSONL)
	if err != nil {
		return EventScore{Err: err}
	}
	s := EventScore{N: len(gold), PerType: map[string]EventTypeScore{}}
	typ, both := 0, 0
	for _, g := range gold {
		evs, ok := pred[g.ID]
		if ok {
			s.Predicted++
		}
		gs, gt := eventsCodes(g.Source), eventsCodes(g.Target)
		found, full := false, false
		types := map[string]bool{}
		for _, e := range evs {
			if e.Plover != "" {
				types[e.Plover] = true
			}
			if e.Plover != g.Event {
				continue
			}
			found = true
			if (len(gs) == 0 || gs[eventsCC(e.Source.Code)]) && (len(gt) == 0 || gt[eventsCC(e.Target.Code)]) {
				full = true
			}
		}
		if found {
			typ++
		}
		if full {
			both++
		}
		gv := s.PerType[g.Event]
		if found {
			gv.TP++
		} else {
			gv.FN++
		}
		s.PerType[g.Event] = gv
		for t := range types {
			if t != g.Event {
				v := s.PerType[t]
				v.FP++
				s.PerType[t] = v
			}
		}
	}
	if s.N > 0 {
		s.TypeAccuracy = float64(typ) / float64(s.N)
		s.FullAccuracy = float64(both) / float64(s.N)
	}
	for t, v := range s.PerType {
		v.Precision, v.Recall, v.F1 = eventsPRF(v.TP, v.FP, v.FN)
		s.PerType[t] = v
	}
	return s
}

// eventsLoad reads the gold file. Like the reference scorer it keys gold by id, so a
// repeated id keeps its last line.
func eventsLoad(path string) ([]eventsGold, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []eventsGold
	at := map[string]int{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for ln := 1; sc.Scan(); ln++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var g eventsGold
		if err := json.Unmarshal([]byte(line), &g); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, ln, err)
		}
		if i, ok := at[g.ID]; ok {
			out[i] = g
			continue
		}
		at[g.ID] = len(out)
		out = append(out, g)
	}
	return out, sc.Err()
}

func eventsCodes(as []eventsActor) map[string]bool {
	m := map[string]bool{}
	for _, a := range as {
		m[eventsCC(a.Code)] = true
	}
	return m
}

// eventsCC is the country part of an actor code: its first three characters, as in the
// reference scorer (MEXGOV -> MEX, IGOUNO -> IGO).
func eventsCC(code string) string {
	if len(code) > 3 {
		return code[:3]
	}
	return code
}

func eventsPRF(tp, fp, fn int) (p, r, f float64) {
	if tp+fp > 0 {
		p = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		r = float64(tp) / float64(tp+fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}
