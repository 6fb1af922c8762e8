package main

import "testing"

func TestBlockHeader(t *testing.T) {
	tests := []struct {
		line, name, code string
	}{
		{"---  AGREE   [030]  ---", "AGREE", "030"},
		{"---  CALL   [041:041]  ---", "CALL", "041:041"},
		{"---  DELAY   [120]---  ---", "DELAY", "120"},
		{"- * RESPONSE                [011]         # DELAY", "", ""},
	}
	for _, tc := range tests {
		m := blockRE.FindStringSubmatch(tc.line)
		if tc.name == "" {
			if m != nil {
				t.Errorf("%q: read as a header %q", tc.line, m[1])
			}
			continue
		}
		if m == nil || m[1] != tc.name || m[2] != tc.code {
			t.Errorf("%q: got %q, want %s [%s]", tc.line, m, tc.name, tc.code)
		}
	}
}
