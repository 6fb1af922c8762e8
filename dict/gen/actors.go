package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// record is one PETRARCH actor-dictionary record: one or more primary phrases (several
// primaries with no code between them share the codes that follow), their '+' synonyms
// and their codes, some of them restricted to dates.
type record struct {
	names []string // primaries first, then synonyms, in file order
	nPrim int
	codes []datedCode
	file  string
	line  int
}

type datedCode struct {
	code     string
	from, to int // yyyymmdd; 0 = open
	dated    bool
}

// entry is one line of Herald's gazetteer format.
type entry struct {
	kind, code, country, typ string
	phrases                  []string
}

// skipped counts what the generator could not use, by reason, so a change in the
// sources shows up in its output.
var skipped = map[string]int{}

func skip(reason string) { skipped[reason]++ }

var (
	bracket  = regexp.MustCompile(`\[([^\]]*)\]`)
	parens   = regexp.MustCompile(`\([^)]*\)`)
	codeOK   = regexp.MustCompile(`^[A-Z]{3,15}$`)
	phraseOK = regexp.MustCompile(`^[A-Z0-9][A-Z0-9 .'&-]*$`)
)

// readActors parses a PETRARCH .actors file into records.
func readActors(path string) ([]*record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var recs []*record
	var cur *record
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	file := filepath.Base(path)
	for ln := 1; sc.Scan(); ln++ {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		codes := parseCodes(line)
		body := strings.TrimSpace(bracket.ReplaceAllString(line, ""))
		switch {
		case line[0] == ' ' || line[0] == '\t':
			if cur == nil {
				skip("code line outside a record")
				continue
			}
			cur.codes = append(cur.codes, codes...)
		case line[0] == '+':
			if cur == nil {
				skip("synonym outside a record")
				continue
			}
			cur.names = append(cur.names, strings.TrimPrefix(body, "+"))
		default:
			// A primary directly after a primary that has no code yet joins its record.
			if cur != nil && len(cur.codes) == 0 && len(cur.names) == cur.nPrim {
				cur.names = append(cur.names, body)
				cur.nPrim++
				cur.codes = append(cur.codes, codes...)
				continue
			}
			cur = &record{names: []string{body}, nPrim: 1, codes: codes, file: file, line: ln}
			recs = append(recs, cur)
		}
	}
	return recs, sc.Err()
}

func parseCodes(line string) []datedCode {
	var out []datedCode
	for _, m := range bracket.FindAllStringSubmatch(line, -1) {
		f := strings.Fields(m[1])
		if len(f) == 0 || !codeOK.MatchString(f[0]) {
			continue
		}
		c := datedCode{code: f[0]}
		if len(f) > 1 {
			c.dated = true
			d := strings.Join(f[1:], "")
			switch {
			case strings.HasPrefix(d, ">"):
				c.from = parseDate(d[1:])
			case strings.HasPrefix(d, "<"):
				c.to = parseDate(d[1:])
			default:
				a, b, _ := strings.Cut(d, "-")
				c.from, c.to = parseDate(a), parseDate(b)
			}
		}
		out = append(out, c)
	}
	return out
}

// parseDate reads YYMMDD or YYYYMMDD; two-digit years below 30 are 20xx, as the
// dictionaries end in 2014 and start in the 1940s.
func parseDate(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	if len(s) == 6 {
		yy := n / 10000
		if yy < 30 {
			return n + 20000000
		}
		return n + 19000000
	}
	return n
}

// latest picks the code that applies today: a restriction open at the end (">date" or a
// range without end), else the undated default, else the restriction ending last. dated
// reports whether the record has any date restriction.
func (r *record) latest() (code string, dated bool) {
	best, bestEnd, def := "", -1, ""
	for _, c := range r.codes {
		if !c.dated {
			if def == "" {
				def = c.code
			}
			continue
		}
		dated = true
		if c.to == 0 && c.from != 0 {
			return c.code, true
		}
		if c.to > bestEnd {
			best, bestEnd = c.code, c.to
		}
	}
	if def != "" {
		return def, dated
	}
	return best, dated
}

// cleanPhrase turns a PETRARCH phrase ("U.S._STATE_DEPARTMENT_") into Herald's
// upper-case, space-separated form, or "" if it is not a usable phrase.
func cleanPhrase(p string) string {
	p = parens.ReplaceAllString(p, " ")
	p = strings.ReplaceAll(p, "_", " ")
	p = strings.Join(strings.Fields(p), " ")
	p = strings.TrimRight(p, " ,")
	if p == "" {
		return ""
	}
	if !phraseOK.MatchString(p) {
		skip("phrase with odd characters")
		return ""
	}
	return p
}

func genActors(shared, out string) error {
	dir := filepath.Join(shared, "petrarch2")
	sectors, err := readTSV(filepath.Join(shared, "cameo", "CAMEO.type.txt"))
	if err != nil {
		return err
	}
	agents, err := readAgents(filepath.Join(dir, "Phoenix.agents.txt"))
	if err != nil {
		return err
	}
	countryRecs, err := readActors(filepath.Join(dir, "Phoenix.Countries.actors.txt"))
	if err != nil {
		return err
	}
	countries := map[string]bool{}
	for _, r := range countryRecs {
		if c, _ := r.latest(); len(c) == 3 {
			countries[c] = true
		}
	}
	given, err := readGivenNames(filepath.Join(shared, "ner", "conll2003-train.txt"))
	if err != nil {
		return err
	}
	// Phoenix files a few lists of places under a country's bare code besides the
	// country's own record ("LEIPZIG_ +DRESDEN_ …" under DEU, before Germany's record):
	// the country's record is the one with the most names.
	main := map[string]*record{}
	for _, r := range countryRecs {
		if code, _ := r.latest(); len(code) == 3 && (main[code] == nil || len(r.names) > len(main[code].names)) {
			main[code] = r
		}
	}
	c := classifier{countries: countries, sectors: sectors, given: given, main: main}

	var places, people, orgs []entry
	for _, r := range countryRecs {
		es := c.countryRecord(r)
		for _, e := range es {
			switch e.kind {
			case "person":
				people = append(people, e)
			case "org", "agent":
				orgs = append(orgs, e)
			default:
				places = append(places, e)
			}
		}
	}
	for _, name := range []string{"Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"} {
		recs, err := readActors(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		for _, r := range recs {
			for _, e := range c.otherRecord(r) {
				if e.kind == "person" {
					people = append(people, e)
				} else {
					orgs = append(orgs, e)
				}
			}
		}
	}

	// A phrase keeps the first, most specific meaning it gets: places before
	// organisations before people before agent words, in that order of files.
	seen := map[string]bool{}
	dedup := func(es []entry) []entry {
		out := es[:0]
		for _, e := range es {
			ps := e.phrases[:0]
			for _, p := range e.phrases {
				if seen[p] {
					skip("phrase defined twice (first kept)")
					continue
				}
				seen[p] = true
				ps = append(ps, p)
			}
			if len(ps) == 0 {
				continue
			}
			e.phrases = ps
			out = append(out, e)
		}
		return out
	}
	places, orgs, people, agents = dedup(places), dedup(orgs), dedup(people), dedup(agents)

	files := []struct {
		name, sources, about string
		es                   []entry
	}{
		{"countries.txt", "petrarch2/Phoenix.Countries.actors.txt",
			"Countries and territories, their demonyms and their cities.", places},
		{"orgs.txt", "petrarch2/Phoenix.Countries.actors.txt, Phoenix.International.actors.txt, Phoenix.MilNonState.actors.txt",
			"Government bodies, international and non-governmental organisations, armed groups,\n# and country-qualified titles (\"US Secretary of State\").", orgs},
		{"people.txt", "petrarch2/Phoenix.Countries.actors.txt, Phoenix.International.actors.txt, Phoenix.MilNonState.actors.txt",
			"Named office holders up to 2014 with the latest code the source gives them.", people},
		{"agents.txt", "petrarch2/Phoenix.agents.txt",
			"Agent nouns and titles with their CAMEO sector codes.", agents},
	}
	for _, f := range files {
		if err := writeEntries(filepath.Join(out, f.name), f.sources, f.about, f.es); err != nil {
			return err
		}
		logf("%s: %d lines", f.name, len(f.es))
	}
	keys := make([]string, 0, len(skipped))
	for k := range skipped {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		logf("skipped: %s: %d", k, skipped[k])
	}
	return nil
}

func writeEntries(path, sources, about string, es []entry) error {
	var b strings.Builder
	b.WriteString(generatedHeader(sources))
	b.WriteString("# " + about + "\n")
	b.WriteString("# Format (see README.md): kind  code  country  type  Name | synonym | ...\n")
	for _, e := range es {
		ps := make([]string, len(e.phrases))
		for i, p := range e.phrases {
			ps[i] = display(p, e.kind)
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\n", e.kind, dash(e.code), dash(e.country), dash(e.typ), strings.Join(ps, " | "))
	}
	return writeFile(path, b.String())
}

var agentLine = regexp.MustCompile(`^(.*?)\s*(?:\{([^}]*)\})?\s*\[([^\]]*)\]`)

// readAgents parses Phoenix.agents.txt: "PHRASE {plural} [~CODE]" lines and "!SET! = a, b"
// substitution sets. Plurals are generated as the format describes: none for "{}", the
// listed ones for "{…}", otherwise the regular plural of the last word.
func readAgents(path string) ([]entry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	subst := map[string][]string{}
	var out []entry
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "<!--") {
			continue
		}
		if name, list, ok := strings.Cut(line, "="); ok && strings.HasPrefix(line, "!") && !strings.Contains(line, "[") {
			var items []string
			for _, it := range strings.Split(list, ",") {
				items = append(items, strings.TrimSpace(it))
			}
			subst[strings.TrimSpace(name)] = items
			continue
		}
		m := agentLine.FindStringSubmatch(line)
		if m == nil {
			skip("agent line without a code")
			continue
		}
		code := strings.Trim(strings.TrimSpace(m[3]), "~")
		if !codeOK.MatchString(code) {
			skip("agent with a bad code")
			continue
		}
		forms, explicit := expandSubst(m[1], subst)
		var phrases []string
		for _, form := range forms {
			p := cleanPhrase(form)
			if p == "" {
				continue
			}
			phrases = append(phrases, p)
			switch {
			case explicit || strings.HasSuffix(strings.TrimSpace(form), "_"):
				// Substitution sets list every form; a trailing '_' forbids a plural.
			case m[2] != "" || strings.Contains(line, "{}"):
				for _, pl := range strings.Fields(m[2]) {
					if pl = cleanPhrase(pl); pl != "" {
						phrases = append(phrases, pl)
					}
				}
			default:
				phrases = append(phrases, plural(p))
			}
		}
		if len(phrases) == 0 {
			continue
		}
		out = append(out, entry{kind: "agent", code: code, phrases: phrases})
	}
	return out, sc.Err()
}

// expandSubst replaces a !SET! marker by each member of the set.
func expandSubst(p string, subst map[string][]string) ([]string, bool) {
	for name, items := range subst {
		if strings.Contains(p, name) {
			out := make([]string, 0, len(items))
			for _, it := range items {
				out = append(out, strings.Replace(p, name, it+"_", 1))
			}
			return out, true
		}
	}
	if strings.Contains(p, "!") {
		skip("agent with an unknown substitution set")
		return nil, false
	}
	return []string{p}, false
}

// plural forms the regular English plural of a phrase's last word.
func plural(p string) string {
	switch {
	case strings.HasSuffix(p, "Y") && len(p) > 1 && !strings.ContainsRune("AEIOU", rune(p[len(p)-2])):
		return p[:len(p)-1] + "IES"
	case strings.HasSuffix(p, "S"), strings.HasSuffix(p, "X"), strings.HasSuffix(p, "CH"), strings.HasSuffix(p, "SH"):
		return p + "ES"
	}
	return p + "S"
}
