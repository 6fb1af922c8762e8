package event

import (
	"testing"

	"github.com/heraldnews/herald/dict"
	"github.com/heraldnews/herald/entity"
	"github.com/heraldnews/herald/ner"
	"github.com/heraldnews/herald/nlp"
)

// Sentences written for these tests. The "needs parse" rows are ones the light rules get
// wrong (they take the nearest actor before the verb, here inside a relative clause) and
// the parse gets right; the others the rules already get right, and the parse must not
// break them.
func TestParseRoles(t *testing.T) {
	tests := []struct {
		name, text, plover string
		want, not          []string
		needsParse         bool
	}{
		{"relative clause subject", "Somali rebels who fought Ethiopia for years signed a truce with Kenya on Monday.", "RETREAT",
			[]string{"SOMREB>KEN"}, []string{"ETH>KEN"}, true},
		{"passive relative clause", "Nigerian soldiers who were trained by France killed dozens of Boko Haram fighters.", "FIGHT",
			[]string{"NGAMIL>NGAREB"}, []string{"FRA>NGAREB"}, true},
		{"reported clause with relative", "Officials in Moscow said Russian warplanes that had flown over Turkey bombed rebels in Syria.", "FIGHT",
			[]string{"RUSMIL>SYRREB"}, []string{"TUR>SYRREB"}, true},
		{"passive with agent", "The Israeli embassy in Cairo was attacked on Friday by Egyptian protesters.", "ASSAULT",
			[]string{"EGYOPP>EGY"}, nil, false},
		{"control", "Iran agreed after months of talks with Russia to meet Saudi Arabia in Baghdad.", "CONSULT",
			[]string{"IRN>SAU"}, []string{"RUS>SAU"}, false},
		{"coordinated verbs", "Egyptian police arrested dozens of protesters near the Israeli embassy and accused Hamas of smuggling weapons.", "DISAPPROVE",
			[]string{"EGYCOP>PSEREBHMS"}, []string{"ISRGOV>PSEREBHMS"}, false},
		{"apposition", "Pakistan, a Chinese ally, criticised the Indian decision.", "DISAPPROVE",
			[]string{"PAK>IND"}, []string{"CHN>IND"}, false},
	}
	c := Default()
	// With the entity stage, as the pipeline runs: the relative clauses' actors are
	// names and demonym phrases it finds.
	rec := entity.New(ner.Default(), dict.Default())
	defer func(m int) { c.parseMode = m }(c.parseMode)
	for _, mode := range []int{parseOff, parseCorrect} {
		c.parseMode = mode
		for _, tt := range tests {
			if len(tt.want)+len(tt.not) == 0 {
				t.Fatalf("%s: the row lists no wanted or unwanted pair: it checks nothing", tt.name)
			}
			doc := nlp.Analyze(tt.text, nil)
			evs := c.Code(doc, rec.Recognize(doc))
			got := map[string]bool{}
			for _, e := range evs {
				if e.Plover == tt.plover {
					got[e.Source.Code+">"+e.Target.Code] = true
				}
			}
			ok := true
			for _, w := range tt.want {
				ok = ok && got[w]
			}
			for _, n := range tt.not {
				ok = ok && !got[n]
			}
			switch {
			case mode == parseCorrect && !ok:
				t.Errorf("%s (parse on): got %s, want %v and none of %v", tt.name, describe(evs), tt.want, tt.not)
			case mode == parseOff && tt.needsParse && ok:
				t.Errorf("%s: the rules alone already get %v: the row does not test the parse", tt.name, got)
			case mode == parseOff && !tt.needsParse && !ok:
				t.Errorf("%s (rules): got %s, want %v and none of %v", tt.name, describe(evs), tt.want, tt.not)
			}
		}
	}
}
