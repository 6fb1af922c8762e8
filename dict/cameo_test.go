package dict

import "testing"

func TestCameo(t *testing.T) {
	t.Parallel()
	// Values copied from data/cameo.txt (GDELT Goldstein, 2021 PLOVER table).
	tests := []struct {
		code      string
		goldstein float64
		quad      int
		plover    string
		mode      string
		context   string
		name      string
	}{
		{"051", 3.4, 1, "SUPPORT", "", "diplomatic", "Praise or endorse"},
		{"0211", 3.4, 1, "", "", "", "Appeal for economic cooperation"},
		{"044", 2.5, 1, "CONSULT", "third-party", "", "Meet at a 'third' location"},
		{"08", 5.0, 2, "CONCEDE", "", "", "YIELD"},
		{"12", -4.0, 3, "REJECT", "", "", "REJECT"},
		{"106", -5.0, 3, "REQUEST", "meet", "diplomatic", "Demand withdrawal"},
		{"145", -7.5, 4, "PROTEST", "riot", "", "Protest violently, riot"},
		{"190", -10.0, 4, "ASSAULT", "", "military", "Use conventional military force, not specified below"},
		{"2042", -10.0, 4, "ASSAULT", "unconventional", "cbrn", "Detonate nuclear weapons"},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			c, ok := Cameo(tt.code)
			if !ok {
				t.Fatalf("Cameo(%q) not found", tt.code)
			}
			want := Code{Code: tt.code, Name: tt.name, Goldstein: tt.goldstein, QuadClass: tt.quad,
				Plover: tt.plover, PloverMode: tt.mode, PloverContext: tt.context}
			if c != want {
				t.Errorf("Cameo(%q) = %+v, want %+v", tt.code, c, want)
			}
		})
	}
	for _, bad := range []string{"", "0", "999", "21", "05a"} {
		if c, ok := Cameo(bad); ok {
			t.Errorf("Cameo(%q) = %+v, want not found", bad, c)
		}
	}
}

func TestCameoTableComplete(t *testing.T) {
	t.Parallel()
	codes := CameoCodes()
	if len(codes) < 300 {
		t.Fatalf("only %d CAMEO codes embedded", len(codes))
	}
	for _, code := range codes {
		c, _ := Cameo(code)
		if c.Goldstein < -10 || c.Goldstein > 10 {
			t.Errorf("%s: Goldstein %v out of range", code, c.Goldstein)
		}
		if c.QuadClass < 1 || c.QuadClass > 4 {
			t.Errorf("%s: QuadClass %d", code, c.QuadClass)
		}
		if c.Name == "" {
			t.Errorf("%s: no name", code)
		}
		if _, ok := Cameo(CameoRoot(code)); !ok {
			t.Errorf("%s: root %s missing", code, CameoRoot(code))
		}
	}
	// parseCameo rejects a line whose Goldstein column is empty or not a number, so a
	// clean parse means no code fell back to a zero score.
	if _, err := parseCameo(files.ReadFile); err != nil {
		t.Fatal(err)
	}
}

func TestCameoRoot(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"0211": "02", "190": "19", "12": "12", "1": "", "": ""} {
		if got := CameoRoot(in); got != want {
			t.Errorf("CameoRoot(%q) = %q, want %q", in, got, want)
		}
	}
}
