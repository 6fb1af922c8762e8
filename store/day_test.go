package store

import "testing"

func TestDay(t *testing.T) {
	for in, want := range map[string]string{
		"2024-03-05":                "2024-03-05",
		"2024-03-05T23:30:00-05:00": "2024-03-05", // as written, not moved to UTC
		"2024-03-5":                 "",
		"2024/03/05":                "",
		"Tue, 5 Mar 2024":           "",
		"":                          "",
	} {
		if got := Day(in); got != want {
			t.Errorf("Day(%q) = %q, want %q", in, got, want)
		}
	}
}
