package dedup

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// Two invented stories on one topic (a county election), sharing many topic words.
var storyA = []string{
	"Harbor County Recount Confirms Mayor Alvarez Win.",
	"The recount ordered by the Harbor County election board ended on Thursday with Mayor Lena Alvarez still ahead, by 412 votes instead of 389, officials said.",
	"Clerks worked through the weekend in the basement of the old courthouse, feeding ballots into two borrowed scanners while observers from both campaigns watched from folding chairs.",
	"\"The margin moved a little, the result did not,\" said Tomas Greer, the board's chairman, who read the totals aloud to a room of tired volunteers.",
	"Her challenger, the former councilman Dale Whitcombe, had asked for the recount after a memory card from Precinct 14 was found in a supply closet two days after the polls closed.",
	"That card held 61 ballots, most of them for Mr. Whitcombe, and its discovery set off a week of accusations, lawsuits and a heated meeting at which a lamp was knocked over.",
	"Mr. Whitcombe said on Thursday evening that he would not appeal, and congratulated the mayor in a short statement posted to his campaign page.",
	"Ms. Alvarez, who begins her second term in January, said she would ask the state to audit how the county stores its voting equipment between elections.",
}

var storyB = []string{
	"Harbor County Voters Back Bond for New Schools.",
	"Voters in Harbor County approved a bond of 90 million dollars for two new elementary schools on Tuesday, the county election board said, with turnout higher than in any off-year election since 2009.",
	"The measure passed with 58 percent of the vote after a campaign in which Mayor Lena Alvarez and the former councilman Dale Whitcombe, rivals in last year's election, appeared together at rallies.",
	"Opponents had argued that the county should repair its older buildings before building new ones, and mailed fliers showing leaking roofs at three middle schools.",
	"\"People decided their kids could not wait another ten years,\" said Mara Quist, who led the campaign for the bond and spent election night at a pizza parlor near the courthouse.",
	"Construction could begin next spring, the school board said, if bids come in below the estimates prepared by an architect from the state capital.",
}

func join(ps []string) string { return strings.Join(ps, "\n\n") }

func TestAdd(t *testing.T) {
	base := join(storyA)
	reworded := strings.NewReplacer(
		"ended on Thursday", "finished Thursday",
		"read the totals aloud", "announced the totals",
		"set off a week of", "triggered a week of",
		"short statement", "brief statement",
	).Replace(base)
	dropped := join(append(append([]string{}, storyA[:3]...), storyA[4:]...))
	reordered := join([]string{storyA[0], storyA[1], storyA[4], storyA[2], storyA[3], storyA[6], storyA[5], storyA[7]})
	repeated := join([]string{storyA[0], storyA[1], storyA[2], storyA[2], storyA[3], storyA[4], storyA[5], storyA[5], storyA[6], storyA[7]})
	boiler := "Subscribe to our newsletter for the latest local news.\n\n" + base +
		"\n\nShare this article on social media. Read more stories about Harbor County.\n\nAdvertisement"
	truncated := join(storyA[:4])
	cut := base[:len(base)*55/100]
	mixed := "Advertisement\n\n" + strings.Replace(join([]string{storyA[0], storyA[1], storyA[3], storyA[2], storyA[4]}), "ended on Thursday", "finished Thursday", 1) + "\n\nRead more"

	for _, c := range []struct {
		name  string
		text  string
		dup   bool
		exact bool
	}{
		{"exact copy", base, true, true},
		{"spacing and case only", strings.ToUpper(strings.ReplaceAll(base, "\n\n", "\n")), true, true},
		{"added boilerplate", boiler, true, false},
		{"dropped paragraph", dropped, true, false},
		{"reordered paragraphs", reordered, true, false},
		{"repeated paragraphs", repeated, true, false},
		{"truncated at a paragraph", truncated, true, false},
		{"truncated mid-sentence", cut, true, false},
		{"reworded sentences", reworded, true, false},
		{"mixed variant", mixed, true, false},
		{"different story, same topic", join(storyB), false, false},
		{"title only", storyA[0], false, false},
		{"empty", "", false, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			ix := NewIndex(Options{})
			if m := ix.Add("orig", base); m.Cluster != "orig" || m.DuplicateOf != "" {
				t.Fatalf("first document: %+v", m)
			}
			m := ix.Add("new", c.text)
			if got := m.DuplicateOf == "orig"; got != c.dup {
				t.Fatalf("duplicate = %v, want %v: %+v", got, c.dup, m)
			}
			if m.Exact != c.exact {
				t.Errorf("exact = %v, want %v", m.Exact, c.exact)
			}
			wantCluster := "new"
			if c.dup {
				wantCluster = "orig"
				e := m.Explanation
				if e.Rule == "" || e.SharedShingles < 3 || len(e.Sample) == 0 || m.Similarity <= 0 || e.Containment < e.Jaccard {
					t.Errorf("explanation %+v", m)
				}
				for _, s := range e.Sample {
					if !strings.Contains(strings.Join(strings.Fields(base), " "), strings.TrimSuffix(s, "…")) && !c.exact {
						t.Errorf("sample %q is not a passage of the original", s)
					}
				}
			}
			if m.Cluster != wantCluster {
				t.Errorf("cluster %q, want %q", m.Cluster, wantCluster)
			}
			if got := len(ix.Clusters()); got != map[bool]int{true: 1, false: 2}[c.dup] {
				t.Errorf("%d clusters: %v", got, ix.Clusters())
			}
		})
	}
}

// TestBridge: a document close to two clusters merges them under the earlier one.
func TestBridge(t *testing.T) {
	ix := NewIndex(Options{})
	ix.Add("head", join(storyA[:4]))
	ix.Add("tail", join(storyA[4:]))
	ix.Add("other", join(storyB))
	m := ix.Add("whole", join(storyA))
	if m.Cluster != "head" {
		t.Errorf("cluster %q", m.Cluster)
	}
	cl := ix.Clusters()
	if len(cl) != 2 || strings.Join(cl["head"], " ") != "head tail whole" || len(cl["other"]) != 1 {
		t.Errorf("clusters %v", cl)
	}
	as := ix.Assignments()
	if as["tail"] != "head" || as["other"] != "other" {
		t.Errorf("assignments %v", as)
	}
}

// TestBoilerplateOnly: many different short items sharing the same site furniture must
// not merge, because shingles common across the corpus do not count.
func TestBoilerplateOnly(t *testing.T) {
	const furniture = "Subscribe to our newsletter for the latest news from Harbor County and beyond. " +
		"Share this article on social media. Follow us for more stories every day of the week."
	for _, c := range []struct {
		commonDF int
		merges   bool
	}{{0, false}, {1 << 20, true}} {
		ix := NewIndex(Options{CommonDF: c.commonDF})
		merged := false
		for i := 0; i < 60; i++ {
			// Each item's own words are drawn at random from one story's vocabulary.
			r := rand.New(rand.NewPCG(uint64(i), 1))
			words := strings.Fields(join(storyB))
			own := make([]string, 30)
			for j := range own {
				own[j] = words[r.IntN(len(words))]
			}
			text := strings.Join(own, " ") + ". " + furniture
			if m := ix.Add(fmt.Sprint(i), text); m.DuplicateOf != "" && i >= 30 {
				merged = true
				if !c.merges {
					t.Fatalf("item %d merged with %s: %+v", i, m.DuplicateOf, m.Explanation)
				}
			}
		}
		// Without the document-frequency rule the furniture alone merges items.
		if merged != c.merges {
			t.Errorf("CommonDF %d: merged %v", c.commonDF, merged)
		}
	}
}

func TestTokenize(t *testing.T) {
	a := tokenize("Don’t STOP: the café's 2016 vote!", nil)
	b := tokenize("dont stop the CAFÉS 2016 vote", nil)
	if len(a) != 6 || len(b) != 6 {
		t.Fatalf("%d %d tokens", len(a), len(b))
	}
	for i := range a {
		if a[i].h != b[i].h {
			t.Errorf("token %d differs", i)
		}
	}
	if s := "Don’t STOP"; s[a[0].start:a[0].end] != "Don’t" {
		t.Errorf("span %q", s[a[0].start:a[0].end])
	}
}

func FuzzAdd(f *testing.F) {
	f.Add("", "")
	f.Add(join(storyA), join(storyA[:3]))
	f.Add("a b c d e f g", "a b c d e f g h")
	f.Add("\xff\xfe’’'' x", "x’")
	f.Fuzz(func(t *testing.T, a, b string) {
		ix := NewIndex(Options{DFBits: 10})
		ix.Add("a", a)
		m := ix.Add("b", b)
		if m.Similarity < 0 || m.Similarity > 1 || m.Explanation.Containment > 1 {
			t.Fatalf("%+v", m)
		}
		if len(ix.Clusters()) == 0 {
			t.Fatal("no clusters")
		}
	})
}

func BenchmarkAdd(b *testing.B) {
	// Distinct documents made from the stories' sentences, so that every Add searches a
	// populated index and most find no duplicate, as in an ingest.
	var texts []string
	for i := range 1000 {
		ps := append(append([]string{}, storyA...), storyB...)
		for j := range ps {
			ps[j] = fmt.Sprintf("%s (%d-%d)", ps[(j*7+i)%len(ps)], i, j)
		}
		texts = append(texts, join(ps[:8+i%6]))
	}
	ix := NewIndex(Options{})
	b.SetBytes(int64(len(texts[0])))
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		ix.Add(fmt.Sprint(i), texts[i%len(texts)])
	}
}

func TestAddPrepared(t *testing.T) {
	// Preparing elsewhere changes nothing: the same texts give the same matches.
	texts := []string{join(storyA), join(storyA[1:]), join(storyB), join(storyA), ""}
	a, b := NewIndex(Options{}), NewIndex(Options{})
	var prepared []*Prepared
	for _, s := range texts {
		prepared = append(prepared, b.Prepare(s))
	}
	for i, s := range texts {
		id := fmt.Sprint(i)
		if x, y := a.Add(id, s), b.AddPrepared(id, prepared[i]); !reflect.DeepEqual(x, y) {
			t.Errorf("text %d: Add %+v, AddPrepared %+v", i, x, y)
		}
	}
}
