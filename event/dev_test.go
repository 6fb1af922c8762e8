package event

import (
	"bufio"
	"encoding/json"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/heraldnews/herald/dict"
	"github.com/heraldnews/herald/entity"
	"github.com/heraldnews/herald/ner"
	"github.com/heraldnews/herald/nlp"
)

var (
	devShow     = flag.Bool("devshow", false, "print every dev sentence the coder gets wrong")
	devTypeOnly = flag.Bool("devtype", false, "with -devshow, print only sentences whose type is wrong")
	devEnts     = flag.Bool("devents", false, "run the entity stage first, as the pipeline does")
)

const devFile = "../../shared/eval/events/plover-gsr-dev.jsonl"

type devRecord struct {
	ID     string `json:"id"`
	Text   string `json:"text"`
	Event  string `json:"event"`
	Source []struct {
		Code string `json:"code"`
	} `json:"source"`
	Target []struct {
		Code string `json:"code"`
	} `json:"target"`
}

// TestDevPLOVER measures the coder alone (gazetteer actors, no entity stage) on the
// PLOVER gold-standard dev sentences with the arithmetic of score_events.py. It reads
// the shared evaluation data, so it is skipped where that is absent.
func TestDevPLOVER(t *testing.T) {
	f, err := os.Open(devFile)
	if err != nil {
		t.Skip("no shared eval data:", err)
	}
	defer f.Close()
	c := Default()
	var rec *entity.Recognizer
	if *devEnts {
		rec = entity.New(ner.Default(), dict.Default())
	}
	n, typ, both := 0, 0, 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var r devRecord
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		n++
		doc := nlp.Analyze(r.Text, nil)
		var ents *entity.Set
		if rec != nil {
			ents = rec.Recognize(doc)
		}
		evs := c.Code(doc, ents)
		gs, gt := map[string]bool{}, map[string]bool{}
		for _, a := range r.Source {
			gs[cc(a.Code)] = true
		}
		for _, a := range r.Target {
			gt[cc(a.Code)] = true
		}
		okT, okB := false, false
		for _, e := range evs {
			if e.Plover != r.Event {
				continue
			}
			okT = true
			if (len(gs) == 0 || gs[cc(e.Source.Code)]) && (len(gt) == 0 || gt[cc(e.Target.Code)]) {
				okB = true
			}
		}
		if okT {
			typ++
		}
		if okB {
			both++
		}
		if *devShow && (!okB && !*devTypeOnly || !okT && *devTypeOnly) {
			var got []string
			for _, e := range evs {
				got = append(got, e.Plover+"/"+e.Cameo+" "+e.Source.Code+">"+e.Target.Code+" "+e.Modality+" ["+e.Cue+"]")
			}
			var src, tgt []string
			for k := range gs {
				src = append(src, k)
			}
			for k := range gt {
				tgt = append(tgt, k)
			}
			t.Logf("%s want %s %v>%v got %s\n    %s", r.ID, r.Event, src, tgt, strings.Join(got, "; "), r.Text)
		}
	}
	ta, ba := float64(typ)/float64(n), float64(both)/float64(n)
	t.Logf("dev n=%d type accuracy %.3f type+source+target %.3f", n, ta, ba)
	// Bars just under the measured figures (0.805 and 0.634, with and without -devents),
	// so that a regression fails; raise them with each improvement.
	const barType, barFull = 0.800, 0.630
	if ta < barType || ba < barFull {
		t.Errorf("dev below the bars: type %.3f (bar %.3f), type+source+target %.3f (bar %.3f)", ta, barType, ba, barFull)
	}
}

func cc(code string) string {
	if len(code) > 3 {
		return code[:3]
	}
	return code
}
