// Command gengaz builds ner/data/gazetteer.tsv, the tagger's gazetteer, from the
// PETRARCH2/Phoenix actor and agent dictionaries (github.com/openeventdata/petrarch2, MIT).
//
// Run from the repository root:
//
//	go run ./ner/gengaz -src ../shared/data/petrarch2 -out ner/data/gazetteer.tsv
//
// The dictionaries are coding aids, not name lists, so the classes are inferred:
//   - Phoenix.Countries.actors.txt: a record whose code is a bare country code ([MEX]) lists
//     the country's names, demonyms and cities. Names and cities become LOC; a synonym that
//     ends like a demonym (-an, -ese, -ish, -i, …) and shares its first letters with another
//     name in the record (MEXICAN ~ MEXICO) becomes MISC. Other records are institutions
//     (ORG, recognised by words such as MINISTRY or PARTY) or office holders (PER).
//   - Phoenix.International.actors.txt, Phoenix.MilNonState.actors.txt: organisations (ORG)
//     and the people who led them (PER).
//   - Person names also give FIRST and LAST token entries, which carry to people the lists
//     do not know.
//   - Phoenix.agents.txt: role nouns and titles (PRESIDENT, POLICE) become TITLE.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

var (
	reCountry = regexp.MustCompile(`^\[[A-Z]{3}\]$`)
	reParen   = regexp.MustCompile(`\([^)]*\)`)
	reCode    = regexp.MustCompile(`\[[^\]]*\]`)
	reToken   = regexp.MustCompile(`^[A-Z][A-Z.'\-]*$`)
)

// orgWords mark a phrase as an organisation's name.
var orgWords = set(`ARMY FORCES FORCE MINISTRY MINISTRIES COUNCIL PARTY COMMITTEE BANK AGENCY
	ASSOCIATION UNION FRONT MOVEMENT ORGANIZATION ORGANISATION ORGANIZATIONS INSTITUTE UNIVERSITY
	COMMISSION COURT PARLIAMENT ASSEMBLY CONGRESS SENATE GOVERNMENT POLICE GUARD GUARDS BRIGADE
	BRIGADES BATTALION CORPS NAVY SERVICE SERVICES OFFICE DEPARTMENT BUREAU AUTHORITY FUND
	FEDERATION LEAGUE ALLIANCE COALITION GROUP GROUPS COMPANY CORPORATION CORP INC LTD CO
	NETWORK CENTER CENTRE FOUNDATION SOCIETY CHURCH TRIBUNAL PROGRAMME PROGRAM TIMES NEWS POST
	AIRLINES AIRWAYS REGIME CABINET MILITIA COMMAND ACADEMY EXCHANGE BOARD SECRETARIAT CONFERENCE
	COOPERATION COUNCILS COMMUNITY MISSION ARMED TALIBAN QAEDA BRIGADE JIHAD HEZBOLLAH HAMAS
	NATIONS CONVENTION ORGANIZATION'S INTELLIGENCE DIRECTORATE PRESS TELEVISION RADIO AGENCY
	REPUBLICAN DEMOCRATIC CAUCUS TRUST LABOUR LABOR UNITED ISLAMIC INTERNATIONAL NATIONAL`)

// notNames are words that show a phrase is a description rather than a name.
var notNames = set(`THE OF AND FOR IN ON TO A AN FORMER EX SPOKESMAN SPOKESWOMAN OFFICIAL OFFICIALS
	SUPPORTERS MEMBERS REBELS PEOPLE CITIZENS SOLDIERS TROOPS LEADER LEADERS PRESIDENT MINISTER`)

// demonymEnds are endings of adjectival country forms.
var demonymEnds = []string{"AN", "ANS", "ESE", "ISH", "I", "IS", "CH", "IC", "SS", "OT", "OTS"}

// extraDemonyms are demonyms that share no letters with their country's name.
var extraDemonyms = set(`DUTCH BRITISH BRITON BRITONS ENGLISH WELSH SCOTTISH SCOTS IRISH FLEMISH BASQUE
	AMERICAN AMERICANS KURD KURDS KURDISH ARAB ARABS ARABIC SWISS GREEK GREEKS FILIPINO FILIPINOS THAI MALAGASY`)

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

type record struct {
	primary  string
	code     string // code on the primary line, if any
	comment  string
	synonyms []string
	dated    bool
}

// clean turns a dictionary phrase into space-separated upper-case tokens.
func clean(p string) string {
	p = reParen.ReplaceAllString(p, " ")
	p = strings.ReplaceAll(p, "!PERSON!", "MAN")
	p = strings.ReplaceAll(p, "_", " ")
	return strings.Join(strings.Fields(p), " ")
}

// readRecords parses the actor-dictionary layout described in dictionaries.rst.
func readRecords(path string) ([]record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []record
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		comment := ""
		if i := strings.Index(line, "#"); i >= 0 {
			comment = line[i:]
			line = line[:i]
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		switch {
		case line[0] == '\t' || line[0] == ' ' || line[0] == '[':
			if len(out) > 0 {
				out[len(out)-1].dated = true
			}
		case line[0] == '+':
			if len(out) > 0 {
				s := clean(reCode.ReplaceAllString(line[1:], " "))
				if s != "" {
					out[len(out)-1].synonyms = append(out[len(out)-1].synonyms, s)
				}
			}
		default:
			code := strings.TrimSpace(strings.Join(reCode.FindAllString(line, -1), " "))
			p := clean(reCode.ReplaceAllString(line, " "))
			if p == "" {
				continue
			}
			out = append(out, record{primary: p, code: code, comment: comment})
		}
	}
	return out, sc.Err()
}

type gaz map[string]map[string]bool // phrase -> classes

func (g gaz) add(phrase, class string) {
	if phrase == "" {
		return
	}
	for _, t := range strings.Fields(phrase) {
		if !reToken.MatchString(t) {
			return // digits, odd symbols: not a name the tokenizer would produce
		}
	}
	if len(strings.Fields(phrase)) > 8 {
		return
	}
	if g[phrase] == nil {
		g[phrase] = map[string]bool{}
	}
	g[phrase][class] = true
}

func isDemonym(s string, others []string) bool {
	if strings.Contains(s, " ") {
		return false
	}
	if extraDemonyms[s] {
		return true
	}
	end := false
	for _, e := range demonymEnds {
		if strings.HasSuffix(s, e) {
			end = true
		}
	}
	if !end || len(s) < 4 {
		return false
	}
	// Compare with the country's own name only: its cities and misspellings share letters
	// with each other, not with the name ("AFGANISTAN" is a misspelling, not a demonym).
	primary := others[0]
	return !strings.HasSuffix(s, "STAN") && len(primary) >= 2 && primary[:2] == s[:2] &&
		len(s) < len(primary)+3 && s != primary
}

func hasAny(p string, m map[string]bool) bool {
	for _, t := range strings.Fields(p) {
		if m[t] {
			return true
		}
	}
	return false
}

// addPerson adds a person's name, minus leading titles, and its first and last tokens.
func (g gaz) addPerson(p string, titles map[string]bool) {
	toks := strings.Fields(p)
	for len(toks) > 0 && (titles[toks[0]] || notNames[toks[0]]) {
		toks = toks[1:]
	}
	if len(toks) == 0 || hasAny(strings.Join(toks, " "), notNames) {
		return
	}
	if len(toks) == 1 {
		if len(toks[0]) > 2 {
			g.add(toks[0], "LAST")
		}
		return
	}
	g.add(strings.Join(toks, " "), "PER")
	if f := toks[0]; len(f) > 2 && !strings.HasSuffix(f, ".") {
		g.add(f, "FIRST")
	}
	g.add(toks[len(toks)-1], "LAST")
}

// firstNames collects the first names of the office holders in the countries file; they tell
// people from organisations in the other files, whose records look alike.
var firstNames = map[string]int{}

// looksPerson says whether an actor record without a country code is a person.
func looksPerson(r record) bool {
	toks := strings.Fields(r.primary)
	if len(toks) < 2 || len(toks) > 5 || hasAny(r.primary, orgWords) || hasAny(r.primary, notNames) {
		return false
	}
	return strings.Contains(r.comment, "CountryInfo") || strings.Contains(r.comment, "rulers") || r.dated ||
		strings.Contains(r.code, "ELI") || strings.Contains(r.code, "GOV")
}

func main() {
	src := flag.String("src", "../shared/data/petrarch2", "folder with the PETRARCH2 dictionaries")
	out := flag.String("out", "ner/data/gazetteer.tsv", "output file")
	flag.Parse()
	g := gaz{}

	// Titles first: they are stripped from person names.
	titles := map[string]bool{}
	af, err := os.ReadFile(filepath.Join(*src, "Phoenix.agents.txt"))
	if err != nil {
		log.Fatal(err)
	}
	for _, line := range strings.Split(string(af), "\n") {
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		if strings.Contains(line, "=") || strings.TrimSpace(line) == "" {
			continue
		}
		line = reCode.ReplaceAllString(line, " ")
		var forms []string
		if i := strings.Index(line, "{"); i >= 0 {
			j := strings.Index(line, "}")
			if j > i {
				forms = append(forms, strings.Fields(strings.ReplaceAll(line[i+1:j], ",", " "))...)
				line = line[:i] + line[j+1:]
			}
		}
		forms = append(forms, line)
		for _, f := range forms {
			for _, v := range []string{f, strings.ReplaceAll(f, "!MINIST!", "MINISTER")} {
				p := clean(v)
				if strings.Contains(p, "!") || len(strings.Fields(p)) > 3 {
					continue
				}
				g.add(p, "TITLE")
				if !strings.Contains(p, " ") {
					titles[p] = true
				}
			}
		}
	}

	recs, err := readRecords(filepath.Join(*src, "Phoenix.Countries.actors.txt"))
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range recs {
		if reCountry.MatchString(r.code) {
			names := append([]string{r.primary}, r.synonyms...)
			for _, s := range names {
				if s != r.primary && isDemonym(s, names) {
					g.add(s, "MISC")
				} else {
					g.add(s, "LOC")
				}
			}
			continue
		}
		all := append([]string{r.primary}, r.synonyms...)
		switch {
		case hasAny(r.primary, orgWords):
			for _, s := range all {
				if !hasAny(s, notNames) || strings.HasPrefix(s, "THE ") {
					g.add(strings.TrimPrefix(s, "THE "), "ORG")
				}
			}
		case looksPerson(r):
			firstNames[strings.Fields(r.primary)[0]]++
			for _, s := range all {
				g.addPerson(s, titles)
			}
		}
	}
	for _, name := range []string{"Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"} {
		recs, err := readRecords(filepath.Join(*src, name))
		if err != nil {
			log.Fatal(err)
		}
		for _, r := range recs {
			all := append([]string{r.primary}, r.synonyms...)
			toks := strings.Fields(r.primary)
			personish := len(toks) >= 2 && len(toks) <= 4 && !hasAny(r.primary, orgWords) && !hasAny(r.primary, notNames)
			if personish && (firstNames[toks[0]] >= 2 || strings.HasSuffix(toks[0], ".") || strings.Contains(r.comment, "rulers")) {
				for _, s := range all {
					g.addPerson(s, titles)
				}
				continue
			}
			if len(strings.Fields(r.primary)) >= 2 && !hasAny(r.primary, orgWords) && !strings.Contains(r.code, "IGO") && !strings.Contains(r.code, "REB") && !strings.Contains(r.code, "NGO") && !strings.Contains(r.code, "MNC") {
				continue // unclear: neither an organisation nor a named person
			}
			for _, s := range all {
				s = strings.TrimPrefix(s, "THE ")
				if titles[s] {
					continue
				}
				g.add(s, "ORG")
			}
		}
	}

	phrases := make([]string, 0, len(g))
	for p := range g {
		phrases = append(phrases, p)
	}
	sort.Strings(phrases)
	var b strings.Builder
	b.WriteString("# Herald NER gazetteer: phrase<TAB>class, generated by `go run ./ner/gengaz` from the\n")
	b.WriteString("# PETRARCH2/Phoenix dictionaries (github.com/openeventdata/petrarch2, MIT licence, see LICENSE-petrarch2).\n")
	b.WriteString("# Classes: PER LOC ORG MISC (names), FIRST LAST (person name tokens), TITLE (role words).\n")
	b.WriteString("# Matching ignores case. Edit the generator rather than this file, then retrain the model.\n")
	n := 0
	for _, p := range phrases {
		cls := make([]string, 0, len(g[p]))
		for c := range g[p] {
			cls = append(cls, c)
		}
		sort.Strings(cls)
		for _, c := range cls {
			fmt.Fprintf(&b, "%s\t%s\n", display(p), c)
			n++
		}
	}
	if err := os.WriteFile(*out, []byte(b.String()), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("gengaz: %d entries, %d phrases -> %s", n, len(phrases), *out)
}

// display writes a phrase in the case a reader expects: "Hamid Karzai", acronyms kept.
func display(p string) string {
	toks := strings.Fields(p)
	for i, t := range toks {
		if len(t) <= 4 && !strings.ContainsAny(t, "AEIOU") || strings.Contains(t, ".") {
			continue // acronyms and initials
		}
		low := strings.ToLower(t)
		parts := strings.Split(low, "-")
		for j, s := range parts {
			if s != "" {
				parts[j] = strings.ToUpper(s[:1]) + s[1:]
			}
		}
		toks[i] = strings.Join(parts, "-")
	}
	return strings.Join(toks, " ")
}
