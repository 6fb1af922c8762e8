package dict

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/heraldnews/herald/lestr"
)

// mapLongest is the matcher as it was before the open-addressing table: a Go map keyed
// by (parent, word hash), without the first-word filter. The tests check the table and
// the filter against it.
type mapEdge struct {
	parent int32
	hash   uint64
}

func mapLongest(d *Dict, t *trie, edges map[mapEdge]int32, words []string, i int) (int32, int) {
	cur, entry, n := int32(0), int32(-1), 0
	for j := i; j < len(words); j++ {
		next, ok := edges[mapEdge{cur, hashWord(words[j])}]
		if !ok || !sameWord(d.str(t.nodes[int(next)*nodeSize:]), words[j]) {
			break
		}
		cur = next
		if e := t.entry(cur); e >= 0 {
			entry, n = e, j-i+1
		}
	}
	return entry, n
}

// phrases returns the edge map of trie t of d and every phrase it holds, as words.
func phrases(d *Dict, t *trie) (map[mapEdge]int32, [][]string) {
	edges := map[mapEdge]int32{}
	nodes := int32(len(t.nodes) / nodeSize)
	parent := make([]int32, nodes)
	for i := 0; i < len(t.slots); i += slotSize {
		sl := t.slots[i:]
		if child := int32(lestr.Uint32(sl[12:])); child != 0 {
			edges[mapEdge{int32(lestr.Uint32(sl[8:])), lestr.Uint64(sl)}] = child
			parent[child] = int32(lestr.Uint32(sl[8:]))
		}
	}
	var out [][]string
	for n := int32(1); n < nodes; n++ {
		if t.entry(n) < 0 {
			continue
		}
		var ws []string
		for k := n; k != 0; k = parent[k] {
			ws = append([]string{d.str(t.nodes[int(k)*nodeSize:])}, ws...)
		}
		out = append(out, ws)
	}
	return edges, out
}

// TestTrieMatchesMap compares the table and first-word filter with a plain map lookup,
// and MatchHashed with Match, on every phrase of the embedded gazetteer (in several
// spellings) and on random sequences of dictionary and other words.
func TestTrieMatchesMap(t *testing.T) {
	t.Parallel()
	d := Default()
	rng := rand.New(rand.NewPCG(1, 2))
	var vocab []string
	for _, tr := range []*trie{&d.names, &d.agents} {
		edges, ps := phrases(d, tr)
		if len(ps) != tr.phrases {
			t.Fatalf("reconstructed %d phrases, trie holds %d", len(ps), tr.phrases)
		}
		for _, p := range ps {
			vocab = append(vocab, p...)
			for _, ws := range [][]string{p, upper(p), append(append([]string{"x"}, p...), "said")} {
				for i := range ws {
					ge, gn := tr.longest(ws, nil, i, hashWord(ws[i]))
					we, wn := mapLongest(d, tr, edges, ws, i)
					if ge != we || gn != wn {
						t.Fatalf("longest(%q, %d) = %d, %d; map gives %d, %d", ws, i, ge, gn, we, wn)
					}
				}
			}
		}
		// Random word sequences, mostly dictionary words.
		extra := []string{"the", "of", "said", "Mr.", "’s", "'s", "zzq", "États", "ÉTATS", "O`Neil"}
		for range 200000 {
			ws := make([]string, 1+rng.IntN(6))
			for k := range ws {
				if rng.IntN(4) == 0 {
					ws[k] = extra[rng.IntN(len(extra))]
				} else {
					ws[k] = vocab[rng.IntN(len(vocab))]
				}
				if rng.IntN(3) == 0 {
					ws[k] = strings.ToUpper(ws[k])
				}
			}
			i := rng.IntN(len(ws))
			ge, gn := tr.longest(ws, nil, i, hashWord(ws[i]))
			we, wn := mapLongest(d, tr, edges, ws, i)
			hs := HashWords(nil, ws)
			he, hn := tr.longest(ws, hs, i, hs[i])
			if ge != we || gn != wn || he != ge || hn != gn {
				t.Fatalf("longest(%q, %d) = %d, %d; hashed %d, %d; map gives %d, %d", ws, i, ge, gn, he, hn, we, wn)
			}
			e1, n1, ok1 := d.Match(ws, i)
			e2, n2, ok2 := d.MatchHashed(ws, hs, i)
			if e1 != e2 || n1 != n2 || ok1 != ok2 {
				t.Fatalf("Match(%q, %d) = %v, %d, %v; MatchHashed gives %v, %d, %v", ws, i, e1, n1, ok1, e2, n2, ok2)
			}
		}
	}
}

// TestMatchMatchesMap checks Dict.Match, with its union first-word filter, against the
// plain map lookup of both tries on running text built from dictionary phrases.
func TestMatchMatchesMap(t *testing.T) {
	t.Parallel()
	d := Default()
	ne, nps := phrases(d, &d.names)
	ae, aps := phrases(d, &d.agents)
	rng := rand.New(rand.NewPCG(5, 6))
	filler := []string{"the", "of", "said", "on", "Tuesday", "and", "’s", "zzq", "a", "in"}
	for range 20000 {
		var ws []string
		for range 1 + rng.IntN(8) {
			switch rng.IntN(3) {
			case 0:
				ws = append(ws, nps[rng.IntN(len(nps))]...)
			case 1:
				ws = append(ws, aps[rng.IntN(len(aps))]...)
			default:
				ws = append(ws, filler[rng.IntN(len(filler))])
			}
		}
		for i := range ws {
			ni, nn := mapLongest(d, &d.names, ne, ws, i)
			ai, an := mapLongest(d, &d.agents, ae, ws, i)
			var want Entry
			wn, wok := 0, false
			switch {
			case nn > 0 && nn >= an:
				want, wn, wok = d.entry(ni), nn, true
			case an > 0:
				want, wn, wok = d.entry(ai), an, true
			}
			if e, n, ok := d.Match(ws, i); e != want || n != wn || ok != wok {
				t.Fatalf("Match(%q, %d) = %v, %d, %v; map lookup gives %v, %d, %v", ws, i, e, n, ok, want, wn, wok)
			}
		}
	}
}

func upper(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = strings.ToUpper(w)
	}
	return out
}

func checkHashWord(t *testing.T, w string) {
	if got, want := hashWord(w), hashWordRunes(w); got != want {
		t.Errorf("hashWord(%q) = %x, rune by rune %x", w, got, want)
	}
}

func TestHashWordASCIIFastPath(t *testing.T) {
	for _, w := range []string{"", "Paris", "O`Neill", "U.S.", "café", "Ærø", "\xff", "MIXED-case_123"} {
		checkHashWord(t, w)
	}
}

func FuzzHashWord(f *testing.F) {
	f.Add("O`Neill’s")
	f.Fuzz(checkHashWord)
}

// sameWord reports whether w folds to norm: the spelling check the matcher once made
// after a hash hit, kept for the reference matcher above.
func sameWord(norm, w string) bool {
	// ASCII prefix byte by byte: most words are all ASCII.
	k := 0
	for k < len(w) && k < len(norm) {
		c := w[k]
		if c >= utf8.RuneSelf || norm[k] >= utf8.RuneSelf {
			break
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		} else if c == '`' {
			c = '\''
		}
		if c != norm[k] {
			return false
		}
		k++
	}
	norm, w = norm[k:], w[k:]
	for _, r := range w {
		if norm == "" {
			return false
		}
		n, size := utf8.DecodeRuneInString(norm)
		if n != foldRune(r) {
			return false
		}
		norm = norm[size:]
	}
	return norm == ""
}
