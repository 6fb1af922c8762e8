package dict

import (
	"bufio"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Code describes one CAMEO event code.
type Code struct {
	Code      string  // "051", "0211", "19"
	Name      string  // "Praise or endorse"
	Goldstein float64 // GDELT's Goldstein conflict–cooperation score, -10 … +10
	QuadClass int     // 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict

	// PLOVER event type, mode and context from the 2021 CAMEO→PLOVER table
	// ("REQUEST", "meet", "diplomatic"); empty where the table has none (01x, 02x).
	Plover, PloverMode, PloverContext string
}

var cameo struct {
	once  sync.Once
	codes map[string]Code
	err   error
}

// Cameo returns the CAMEO code table entry for code ("051", "0211", "12", "190").
func Cameo(code string) (Code, bool) {
	cameo.once.Do(func() { cameo.codes, cameo.err = parseCameo(files.ReadFile) })
	if cameo.err != nil {
		// The table is embedded and checked by the tests; failing here means the
		// binary was built from a broken data file.
		panic(cameo.err)
	}
	c, ok := cameo.codes[code]
	return c, ok
}

// CameoRoot returns the two-digit root of a CAMEO code ("0211" -> "02"), or "" if code
// is shorter than two characters.
func CameoRoot(code string) string {
	if len(code) < 2 {
		return ""
	}
	return code[:2]
}

// CameoCodes returns every code in the table, sorted.
func CameoCodes() []string {
	Cameo("")
	return slices.Sorted(maps.Keys(cameo.codes))
}

// quadClass maps a root code to GDELT's QuadClass.
func quadClass(code string) int {
	switch root := CameoRoot(code); {
	case root >= "01" && root <= "05":
		return 1
	case root >= "06" && root <= "08":
		return 2
	case root >= "09" && root <= "13":
		return 3
	case root >= "14" && root <= "20":
		return 4
	}
	return 0
}

func parseCameo(read func(string) ([]byte, error)) (map[string]Code, error) {
	const name = "data/cameo.txt"
	b, err := read(name)
	if err != nil {
		return nil, err
	}
	codes := make(map[string]Code, 320)
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	for ln := 1; sc.Scan(); ln++ {
		line := sc.Text()
		if i := strings.Index(line, "\t#"); i >= 0 {
			line = line[:i]
		}
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 7 {
			return nil, fmt.Errorf("%s:%d: want 7 tab-separated columns, got %d", name, ln, len(f))
		}
		g, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: Goldstein: %v", name, ln, err)
		}
		q, err := strconv.Atoi(f[2])
		if err != nil || q != quadClass(f[0]) {
			return nil, fmt.Errorf("%s:%d: QuadClass %q does not match root %q", name, ln, f[2], CameoRoot(f[0]))
		}
		codes[f[0]] = Code{Code: f[0], Name: f[6], Goldstein: g, QuadClass: q,
			Plover: undash(f[3]), PloverMode: undash(f[4]), PloverContext: undash(f[5])}
	}
	return codes, sc.Err()
}

func undash(s string) string {
	if s == "-" {
		return ""
	}
	return s
}
