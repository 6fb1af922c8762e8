package event

import (
	"github.com/heraldnews/herald/nlp"
	"os"
	"testing"
)

func TestDebug(t *testing.T) {
	text := os.Getenv("DBG")
	if text == "" {
		t.Skip()
	}
	c := Default()
	doc := nlp.Analyze(text, nil)
	sc := &scratch{seen: make([]uint32, len(c.words)), synSeen: make([]uint32, len(c.synsets))}
	s := &doc.Sentences[0]
	c.prepare(sc, s)
	sc.actors = c.findActors(sc.actors[:0], text, s, nil, sc.words, sc.cls)
	for _, a := range sc.actors {
		t.Logf("actor %d-%d %+v", a.start, a.end, a)
	}
	sc.occ = c.findVerbs(sc.occ[:0], sc, s)
	for oi := range sc.occ {
		c.analyse(sc, s, oi)
	}
	for oi, o := range sc.occ {
		b := &c.blocks[c.verbs[o.verb].block]
		t.Logf("occ %d %q block %s code %q gov %d kind %x clausal %v src %d tgt %d neg %v fut %v hypo %v", oi, sc.words[o.start], b.name, o.code, o.govTok, o.govKind, o.clausal, o.src, o.tgt, o.neg, o.future, o.hypo)
	}
	for i, k := range sc.cls {
		t.Logf("%d %s %x", i, sc.words[i], k)
	}
}
