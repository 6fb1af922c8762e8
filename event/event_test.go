package event

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/heraldnews/herald/article"
	"github.com/heraldnews/herald/nlp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func code(text string) []article.Event {
	return Default().Code(nlp.Analyze(text, nil), nil)
}

// find returns the first event with the given PLOVER type, or nil.
func find(evs []article.Event, plover string) *article.Event {
	for i := range evs {
		if evs[i].Plover == plover {
			return &evs[i]
		}
	}
	return nil
}

func describe(evs []article.Event) string {
	var b []string
	for _, e := range evs {
		b = append(b, e.Plover+"/"+e.Cameo+" "+e.Source.Code+">"+e.Target.Code+" "+e.Modality+" ["+e.Cue+"]")
	}
	return strings.Join(b, "; ")
}

// Sentences written for these tests in wire style; none is taken from a corpus.
func TestCode(t *testing.T) {
	tests := []struct {
		name, text string
		plover     string
		root       string // CAMEO root, "" to skip
		src, tgt   string // actor codes, "-" to skip
		modality   string
	}{
		// Codes and actors.
		{"reject", "Mexico rejected the American proposal on Tuesday.", "REJECT", "12", "MEX", "USA", "asserted"},
		{"rejects", "Mexico rejects the American proposal.", "REJECT", "12", "MEX", "USA", "asserted"},
		{"rejecting", "Mexico is rejecting the American proposal.", "REJECT", "12", "MEX", "USA", "asserted"},
		{"attack", "Israeli troops attacked Lebanese villages near the border.", "FIGHT", "19", "ISRMIL", "LBNCVL", "asserted"},
		{"arrest", "Kenyan police arrested three Ugandan activists in Nairobi.", "COERCE", "17", "KENCOP", "UGAOPP", "asserted"},
		{"condemn", "France condemned the Russian strikes on Monday.", "DISAPPROVE", "11", "FRA", "RUS", "asserted"},
		{"agent alone", "Police arrested two students on Monday.", "COERCE", "17", "COP", "EDU", "asserted"},
		{"agent localised", "Police arrested two Chilean students.", "COERCE", "17", "CHLCOP", "CHLEDU", "asserted"},
		{"government", "The Mexican government expelled two Guatemalan diplomats.", "SANCTION", "16", "MEXGOV", "GTMGOV", "asserted"},
		{"visit", "The Japanese foreign minister visited Indonesia on Sunday.", "CONSULT", "04", "JPNGOV", "IDN", "asserted"},
		{"passive", "A Somali convoy was attacked by Ethiopian soldiers.", "FIGHT", "19", "ETHMIL", "SOM", "asserted"},
		{"apposition", "Norway, a close Swedish ally, criticised the Danish decision.", "DISAPPROVE", "11", "NOR", "DNK", "asserted"},
		{"ruled out", "Germany ruled out military action against Iran.", "REJECT", "12", "DEU", "IRN", "asserted"},
		{"demand that", "Argentina demanded that Britain withdraw its warships.", "DEMAND", "10", "ARG", "GBR", "asserted"},
		{"urged", "Egypt urged Israel to release the prisoners.", "DEMAND", "10", "EGY", "ISR", "asserted"},
		// Negation.
		{"there will be no", "There will be no military incursion into Lebanese territory, the minister said.", "FIGHT", "19", "", "LBN", "negated"},
		{"did not", "Brazil did not attack the Argentine ships.", "FIGHT", "19", "BRA", "ARG", "negated"},
		{"will not accept", "Chile will not accept the Peruvian plan.", "REJECT", "12", "CHL", "PER", "asserted"},
		{"refused to", "Pakistan refused to send troops to Afghanistan.", "REJECT", "12", "PAK", "AFG", "asserted"},
		// Modality.
		{"will", "Japan will send aid to the Philippines.", "AGREE", "03", "JPN", "PHL", "future"},
		{"plans to", "Canada plans to impose sanctions on Venezuela.", "THREATEN", "13", "CAN", "VEN", "future"},
		{"could", "Turkey could impose sanctions on Syria.", "THREATEN", "13", "TUR", "SYR", "hypothetical"},
		{"threatened to", "Iran threatened to attack Saudi oil facilities.", "THREATEN", "13", "IRN", "SAU", "hypothetical"},
		{"denied", "Egypt denied attacking Libyan border posts.", "FIGHT", "19", "EGY", "LBY", "denied"},
		{"reportedly", "Nigeria reportedly arrested two Cameroonian officials.", "COERCE", "17", "NGA", "CMRGOV", "reported"},
		{"said", "Ukrainian forces shelled Russian positions, Moscow said.", "FIGHT", "19", "UKRMIL", "RUS", "reported"},
		{"if", "Syria will close its border if Turkish troops attack Kurdish towns.", "FIGHT", "19", "TURMIL", "-", "hypothetical"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			evs := code(tc.text)
			e := find(evs, tc.plover)
			if e == nil {
				t.Fatalf("%q: no %s event in %s", tc.text, tc.plover, describe(evs))
			}
			if tc.root != "" && e.CameoRoot != tc.root {
				t.Errorf("root %s, want %s (%s)", e.CameoRoot, tc.root, describe(evs))
			}
			if tc.src != "-" && e.Source.Code != tc.src {
				t.Errorf("source %q, want %q (%s)", e.Source.Code, tc.src, describe(evs))
			}
			if tc.tgt != "-" && e.Target.Code != tc.tgt {
				t.Errorf("target %q, want %q (%s)", e.Target.Code, tc.tgt, describe(evs))
			}
			if e.Modality != tc.modality {
				t.Errorf("modality %s, want %s (%s)", e.Modality, tc.modality, describe(evs))
			}
		})
	}
}

// A reader filtering on asserted must not see events that did not happen.
func TestNotAsserted(t *testing.T) {
	for _, text := range []string{
		"There will be no military incursion into Lebanese territory, Israel said.",
		"Brazil did not attack the Argentine ships.",
		"Iran threatened to attack Saudi oil facilities.",
		"Turkey could impose sanctions on Syria.",
		"Egypt denied attacking Libyan border posts.",
		"Canada plans to impose sanctions on Venezuela.",
	} {
		for _, e := range code(text) {
			if e.Modality == article.Asserted && (e.CameoRoot >= "14") {
				t.Errorf("%q: asserted %s/%s [%s]", text, e.Plover, e.Cameo, e.Cue)
			}
		}
	}
}

// Every event carries the CAMEO table's own Goldstein score, QuadClass and name.
func TestEventFields(t *testing.T) {
	evs := code("Israeli troops attacked Lebanese villages near the border.")
	if len(evs) == 0 {
		t.Fatal("no event")
	}
	e := evs[0]
	if e.Cameo != "190" || e.Goldstein != -10 || e.QuadClass != 4 || e.CameoName == "" || e.Evidence == "" || e.Cue == "" {
		t.Errorf("fields: %+v", e)
	}
	if e.Sentence != 0 {
		t.Errorf("sentence %d", e.Sentence)
	}
}

func TestInflect(t *testing.T) {
	for lemma, want := range map[string]string{
		"reject":    "rejects rejected rejecting",
		"agree":     "agrees agreed agreeing",
		"deny":      "denies denied denying",
		"seize":     "seizes seized seizing",
		"ban":       "bans baned baning banned banning",
		"+rule_out": "+rules_out +ruled_out +ruling_out",
	} {
		if got := strings.Join(inflect(lemma), " "); got != want {
			t.Errorf("inflect(%s) = %s, want %s", lemma, got, want)
		}
	}
}

// TestGolden codes testdata/wire.txt (one paragraph a line, written for the tests) and
// compares with testdata/wire.golden.json; -update rewrites it.
func TestGolden(t *testing.T) {
	in, err := os.ReadFile(filepath.Join("testdata", "wire.txt"))
	if err != nil {
		t.Fatal(err)
	}
	type line struct {
		Text   string          `json:"text"`
		Events []article.Event `json:"events"`
	}
	var got []line
	for _, p := range strings.Split(strings.TrimSpace(string(in)), "\n") {
		if p == "" || strings.HasPrefix(p, "#") {
			continue
		}
		evs := code(p)
		for i := range evs {
			evs[i].Evidence = "" // the text is on the line already
		}
		if evs == nil {
			evs = []article.Event{}
		}
		got = append(got, line{p, evs})
	}
	b, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, '\n')
	golden := filepath.Join("testdata", "wire.golden.json")
	if *update {
		if err := os.WriteFile(golden, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != string(b) {
		t.Errorf("events differ from %s; run go test ./event -run TestGolden -update and review the diff", golden)
	}
}

// TestConcurrent codes from many goroutines at once (run with -race).
func TestConcurrent(t *testing.T) {
	text := "Israeli troops attacked Lebanese villages. Mexico rejected the American proposal."
	want := describe(code(text))
	done := make(chan string)
	for i := 0; i < 8; i++ {
		go func() { done <- describe(code(text)) }()
	}
	for i := 0; i < 8; i++ {
		if got := <-done; got != want {
			t.Errorf("concurrent result %s, want %s", got, want)
		}
	}
}

func BenchmarkCode(b *testing.B) {
	in, err := os.ReadFile(filepath.Join("testdata", "wire.txt"))
	if err != nil {
		b.Fatal(err)
	}
	doc := nlp.Analyze(string(in), nil)
	c := Default()
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.Code(doc, nil)
	}
}

func FuzzCode(f *testing.F) {
	f.Add("Mexico rejected the American proposal on Tuesday.")
	f.Add("Iran threatened to attack Saudi oil facilities, officials said.")
	f.Add("to to to will not , , ( ) was by by")
	f.Add("\xff\xfe attacked by")
	c := Default()
	f.Fuzz(func(t *testing.T, text string) {
		doc := nlp.Analyze(text, nil)
		evs := c.Code(doc, nil)
		for _, e := range evs {
			if e.Sentence < 0 || e.Sentence >= len(doc.Sentences) || e.Cameo == "" {
				t.Fatalf("bad event %+v", e)
			}
		}
	})
}

// A governor's own governor and its own negation decide the modality: "denied agreeing
// to", "refused to agree to", "is not going to" did not happen; a plain "agreed to" did.
func TestGovernorOfGovernor(t *testing.T) {
	wantModalities(t, []modalityCase{
		{"Uganda denied agreeing to host Kenyan refugees.", "AGREE", article.Denied},
		{"Uganda refused to agree to host Kenyan refugees.", "AGREE", article.Negated},
		{"Uganda agreed to host Kenyan refugees.", "AGREE", article.Asserted},
		// A governor that is no occurrence keeps the negation of its own verb group.
		{"Uganda is not going to attack Kenya.", "THREATEN", article.Negated},
		{"Kenya has not decided to send troops to Somalia.", "AGREE", article.Negated},
		{"Kenya is going to send troops to Somalia next week.", "AGREE", article.Future},
		// A plan given up, and a modal with the perfect: possibilities, not intents.
		{"Kenya halted plans to send troops to Somalia.", "AGREE", article.Negated},
		{"Kenya is halting plans to send troops to Somalia.", "AGREE", article.Negated},
		{"Kenya backed plans to send troops to Somalia.", "AGREE", article.Future},
		{"Uganda backed away from plans to close the border with Kenya.", "THREATEN", article.Negated},
		{"Kenyan officials say Uganda may have violated the ceasefire.", "FIGHT", article.Hypothetical},
		{"Ugandan troops could have killed the Kenyan fishermen.", "FIGHT", article.Hypothetical},
	})
}

// A speech participle after a comma glosses the main clause, which stays asserted: "Kenya
// rejected the demand, saying …" rejected it. A sentence attributed to someone else stays
// reported.
func TestSayingParticiple(t *testing.T) {
	wantModalities(t, []modalityCase{
		{"Kenya rejected the Ugandan demand on Tuesday, saying security concerns remained.", "REJECT", article.Asserted},
		{"Kenya rejected the Ugandan demand on Tuesday, officials said.", "REJECT", article.Reported},
	})
}

// A sentence dense with names is no title-case headline, so "States" in "United States"
// is no speech verb making its events reported; a demand with an infinitive ("urged
// Tanzania to respect", "told Uganda to withdraw") is an event, not a report.
func TestNamesAreNoHeadline(t *testing.T) {
	wantModalities(t, []modalityCase{
		{"The United States and the European Union urged Tanzania to respect political freedoms.", "DEMAND", article.Asserted},
		{"Kenya told Uganda to withdraw its troops from the border.", "DEMAND", article.Asserted},
		{"Kenya said Uganda attacked its border post.", "FIGHT", article.Reported},
	})
}

// modalityCase is a sentence, the PLOVER type of an event it codes and that event's
// modality.
type modalityCase struct{ text, plover, want string }

// wantModalities reports each case whose event is missing or has another modality.
func wantModalities(t *testing.T, cases []modalityCase) {
	t.Helper()
	for _, tc := range cases {
		e := find(code(tc.text), tc.plover)
		if e == nil || e.Modality != tc.want {
			t.Errorf("%q: want %s %s, got %v", tc.text, tc.plover, tc.want, e)
		}
	}
}

// TestAllegedAdjective: "alleged" before a noun qualifies that noun, not the sentence, whose
// events stay asserted; as a verb of speech it makes what follows reported.
func TestAllegedAdjective(t *testing.T) {
	wantModalities(t, []modalityCase{
		{"Kenyan police opened an investigation into the minister over the alleged fraud.", "INVESTIGATE", article.Asserted},
		{"The International Criminal Court is investigating alleged war crimes by Sudanese forces.", "INVESTIGATE", article.Asserted},
		{"Kenya alleged that Ugandan troops attacked a border post.", "FIGHT", article.Reported},
	})
}

// TestCoordinatedSay: "X did Y and said Z" reports Z only; X's own act stays asserted,
// while "X did Y, officials said" reports it.
func TestCoordinatedSay(t *testing.T) {
	wantModalities(t, []modalityCase{
		{"The African Union welcomed the election of Kenya's new president and said it stood ready to help.", "SUPPORT", article.Asserted},
		{"Uganda condemned the raid but said talks with Kenya would go on.", "DISAPPROVE", article.Asserted},
		{"Uganda condemned the Kenyan raid, officials said.", "DISAPPROVE", article.Reported},
		{"Kenya's foreign ministry welcomed the ceasefire announced by Sudan's warring factions.", "SUPPORT", article.Asserted},
		{"Rejecting mediation by the United States, Venezuela's government said it would settle the dispute alone.", "REJECT", article.Asserted},
		{"Kenya accused Somali forces of opening fire first, while Somali officials said Kenyan troops had shelled a village.", "DISAPPROVE", article.Asserted},
		{"Uganda criticised the raid; Kenyan officials said the troops had withdrawn.", "DISAPPROVE", article.Asserted},
	})
}

// TestThreatModality: a threat to do something is hypothetical whether or not the act
// threatened codes on its own; a threat with no act named stays asserted.
func TestThreatModality(t *testing.T) {
	wantModalities(t, []modalityCase{
		{"Iran threatened to close the Strait of Hormuz.", "THREATEN", article.Hypothetical},
		{"Iran Threatens to Close Strait of Hormuz Over New Sanctions", "THREATEN", article.Hypothetical},
		{"Iran threatened Israel with retaliation.", "THREATEN", article.Asserted},
	})
}
