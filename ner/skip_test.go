package ner

import (
	"slices"
	"strings"
	"testing"
)

// Made-up sentences: never copy text from ../shared into the repository.
func TestSkipRule(t *testing.T) {
	tg := Default()
	s := &scratch{}
	for _, c := range []struct {
		sent string
		want string // per token: x scored, - forced to O
	}{
		// Runs of plain words away from capitals are forced; the words beside a
		// capitalised word or a number are scored.
		{"Anna Berg said on the phone that the talks would resume in March .", "xxx--------xxx"},
		{"officials said the deal would cost 12 million euros over three years , Berg said .", "-----xxx----xxx-"},
		// A sentence without a capitalised word is scored whole.
		{"the talks would resume in the spring , officials said .", "xxxxxxxxxxx"},
		// A lower-case word between capitals ("of") is scored, so are its neighbours.
		{"He works for the Bank of America in the city of Springfield , her office said .", "xx-xxxxx--xxx----"},
		// All capitals and mixed case are never plain.
		{"FLOODS HIT NORTHERN ITALY AS ROME BRACES", "xxxxxxx"},
		{"the new iPhone was sold out in the shops , Apple said", "-xxx-----xxx"},
		// A lower-case title is a gazetteer match, so it is not plain.
		{"Mr Berg , who met the president of the club on the day , said", "xxx--xxx-------"},
		// Curly quotes, apostrophes and dashes are ordinary punctuation; "$" and "&" are not.
		{"Berg said “ we will not ’ve gone — not at all ” in the end .", "xx---------------"},
		{"Berg said the cost was $ 5 and the fee was & more than we thought .", "xx--xxxx--xxx----"},
		{"Berg", "x"},
		{"Berg said .", "xx-"},
		{"Berg said it .", "xx--"},
	} {
		words := strings.Fields(c.sent)
		if len(c.want) != len(words) {
			t.Fatalf("%q: want has %d marks for %d words", c.sent, len(c.want), len(words))
		}
		tg.tagViterbi(words, s)
		var got strings.Builder
		for i := range words {
			if s.mode[i] == modeScored {
				got.WriteByte('x')
			} else {
				got.WriteByte('-')
			}
		}
		if got.String() != c.want {
			t.Errorf("%q:\n got %s\nwant %s", c.sent, got.String(), c.want)
		}
	}
}

// Forcing must not change the tags of these made-up news sentences: the forced decoder
// against the same decoder with nothing forced. Several end an entity just before a forced
// token, where the history score into that token's O decides whether the entity stops.
func TestSkipKeepsTags(t *testing.T) {
	tg := Default()
	skipping, full := &scratch{}, &scratch{}
	sents := []string{
		"Ruritanian President Anna Berg met officials of the Freedonia Trade Bank in Vienna on Monday , her office said .",
		"The endorsement came from Maria Lenz , leader of Ruritania 's far-right National Renewal party .",
		"Lawyers in Oslo have accused Example University of using deceptive practices to sign up students .",
		"The Springfield Teachers Union , a major Berg foe , has scheduled a strike vote for next week .",
		"Hundreds of letters have arrived at the Lenzes ' home since then , most of them friendly .",
		"He voted against the Lenz gun-control law , Berg said , and then he voted for it again .",
		"The prime minister of Freedonia said on Tuesday that talks with the European Union would resume .",
		"“ We will not give up , ” said Mayor John O'Brien of Springfield ’s city council .",
		"Shares of Example Capital fell 4.5 percent after the company said its chief executive would step down .",
		"It was not just another Berg vendetta , critics said of the attack on the judge .",
		"The talks , which were held in the Ruritanian capital of Strelsau , ended without a deal on the border .",
		"A spokesman for the United Nations refugee agency said the camps were full and that more aid was needed .",
		"According to the report by the Freedonia Institute for Policy Studies , the economy grew by a third .",
		"She studied at the University of Springfield and later worked for the Bank of Ruritania in the capital .",
		"when asked about the plan , the senator from Ohio said he had not read it but would do so soon .",
		"the new minister , who took office in May , said the army would stay in the north until the vote .",
	}
	forced := 0
	for _, sent := range sents {
		words := strings.Fields(sent)
		want := slices.Clone(tg.tagViterbiSkip(words, full, 0))
		got := tg.tagViterbi(words, skipping)
		for i := range words {
			if skipping.mode[i] != modeScored {
				forced++
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q:\n got %v\nwant %v", sent, got, want)
		}
	}
	if forced == 0 {
		t.Error("no token was forced to O")
	}
}
