package clean

import (
	"strings"
	"testing"
)

func TestSubtitle(t *testing.T) {
	const title = "Uganda and Rwanda Reopen Katuna Crossing\n\n"
	const rest = "\n\nThe crossing had been closed for three years, traders said."
	tests := []struct {
		name, first, want string
	}{
		{"dek", "Kampala's decision to lift the ban ends a dispute that cost traders millions.",
			"Kampala's decision to lift the ban ends a dispute that cost traders millions."},
		{"dateline lede", "KAMPALA, Uganda (AP) — Uganda and Rwanda reopened the Katuna border crossing after talks.", ""},
		{"agency dateline", "KIGALI (Reuters) - Rwanda reopened its main border post with Uganda.", ""},
		{"weekday lede", "Ugandan President Grace Amuge and her Rwandan counterpart reopened the crossing on Tuesday.", ""},
		{"weekday inside a word is no weekday", "The Sundayers' market reopens as the border trade returns to normal.",
			"The Sundayers' market reopens as the border trade returns to normal."},
		{"two sentences", "Trade resumes. Traders are relieved.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Text(title+tt.first+rest, "")
			if d.Subtitle != tt.want {
				t.Errorf("subtitle %q, want %q", d.Subtitle, tt.want)
			}
		})
	}
}

func TestDatelineEnd(t *testing.T) {
	tests := []struct {
		in   string
		want string // what follows the dateline
	}{
		{"NAIROBI, Kenya (AP) — Kenyan troops left.", "Kenyan troops left."},
		{"KAMPALA (Reuters) - Talks began.", "Talks began."},
		{"WASHINGTON -- The Senate voted.", "The Senate voted."},
		{"NATO said on Monday - in a statement - that", "NATO said on Monday - in a statement - that"},
		{"UN. Talks - went on", "UN. Talks - went on"},
		{"Kenya — a country", "Kenya — a country"},
		{"SAN JOSE, Calif., March 3 (Reuters) - Voters queued.", "Voters queued."},
		{"NAIROBI, Kenya—Troops left.", "Troops left."},
		{"Nairobi, Kenya (AP) — Troops left.", "Nairobi, Kenya (AP) — Troops left."},
		{"", ""},
	}
	for _, tt := range tests {
		if got := tt.in[DatelineEnd(tt.in):]; got != tt.want {
			t.Errorf("DatelineEnd(%q) leaves %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzDatelineEnd: on any bytes the dateline's end lies within the first 60 bytes and
// just after a dash.
func FuzzDatelineEnd(f *testing.F) {
	for _, s := range []string{"NAIROBI, Kenya (AP) — Troops left.", "KAMPALA (Reuters) - x", "UN. Talks - y", "", "A —"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := DatelineEnd(s)
		if n < 0 || n > len(s) || n > 60+len(" -- ") {
			t.Fatalf("DatelineEnd(%q) = %d", s, n)
		}
		if n > 0 && !strings.HasSuffix(s[:n], "- ") && !strings.HasSuffix(s[:n], "— ") && !strings.HasSuffix(s[:n], "– ") && !strings.HasSuffix(s[:n], "—") {
			t.Fatalf("DatelineEnd(%q) = %d ends at %q, after no dash", s, n, s[:n])
		}
	})
}
