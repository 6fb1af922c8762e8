package event

import (
	"testing"
)

// pairs returns "SRC>TGT" for every event of the PLOVER type.
func pairs(text, plover string) map[string]bool {
	out := map[string]bool{}
	for _, e := range code(text) {
		if e.Plover == plover {
			out[e.Source.Code+">"+e.Target.Code] = true
		}
	}
	return out
}

// Sentences written for these tests; each checks that every listed source>target pair of
// the type is coded, and that none of the unwanted pairs is.
func TestRules(t *testing.T) {
	tests := []struct {
		name, text, plover string
		want, not          []string
	}{
		// Coordinated subjects and objects: one event per member.
		{"and subject", "Kenya and Uganda condemned the Sudanese raid.", "DISAPPROVE", []string{"KEN>SDN", "UGA>SDN"}, nil},
		{"and object", "Brazil criticised Chile and Peru on Monday.", "DISAPPROVE", []string{"BRA>CHL", "BRA>PER"}, nil},
		{"list subject", "Norway, Sweden and Finland condemned the Russian strikes.", "DISAPPROVE", []string{"NOR>RUS", "SWE>RUS", "FIN>RUS"}, nil},
		{"mutual", "Ghana and Togo signed a trade agreement on Friday.", "AGREE", []string{"GHA>TGO", "TGO>GHA"}, nil},
		{"shared agent", "Indian and Chinese troops clashed along the border.", "FIGHT", nil, []string{"IND>CHNMIL", "CHNMIL>IND"}},
		{"not apposition", "Pakistan, a Chinese ally, criticised the Indian decision.", "DISAPPROVE", []string{"PAK>IND"}, []string{"CHN>IND"}},
		// Reported demands: "X said on DAY that Y must".
		{"said on day that must", "Egypt said on Tuesday that Ethiopia must release the detained fishermen.", "DEMAND", []string{"EGY>ETH"}, nil},
		{"said that A and B must", "Canada said that the Haitian government and the rebels must release the hostages.", "DEMAND", []string{"CAN>HTIGOV", "CAN>HTIREB"}, nil},
		// Purpose clauses: the main verb's subject acts, and only intends to.
		{"purpose subject", "Kenya summoned the Ugandan envoy to protest against the border raids.", "PROTEST", []string{"KEN>UGAGOV"}, []string{"UGAGOV>"}},
		{"purpose target", "The IAEA sent inspectors to Libya (Tripoli) to investigate the reactor.", "INVESTIGATE", []string{"IGOUNOIAE>LBY"}, nil},
		{"noun compound no demand", "Qatar funded pressure groups in France to help Sudanese refugees.", "AID", []string{"QAT>SDNREF"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := pairs(tc.text, tc.plover)
			for _, w := range tc.want {
				if !got[w] {
					t.Errorf("%q: no %s %s; got %s", tc.text, tc.plover, w, describe(code(tc.text)))
				}
			}
			for _, w := range tc.not {
				if got[w] {
					t.Errorf("%q: unwanted %s %s", tc.text, tc.plover, w)
				}
			}
		})
	}
}

// A purpose infinitive ("deployed troops to fight the cartels") is intended, not done; a
// speech act in one ("summoned the envoy to protest") is done by the main act.
func TestPurposeModality(t *testing.T) {
	for _, tc := range []struct{ text, plover, mod string }{
		{"Honduras deployed soldiers to the coast to fight drug cartels.", "FIGHT", "hypothetical"},
		{"Kenya summoned the Ugandan envoy to protest against the raids.", "PROTEST", "asserted"},
	} {
		evs := code(tc.text)
		e := find(evs, tc.plover)
		if e == nil {
			t.Errorf("%q: no %s in %s", tc.text, tc.plover, describe(evs))
			continue
		}
		if e.Modality != tc.mod {
			t.Errorf("%q: modality %s, want %s (%s)", tc.text, e.Modality, tc.mod, describe(evs))
		}
	}
}
