package main

import (
	"strings"
)

// The PETRARCH dictionaries do not say whether a '+' line under a country is another
// name, a demonym or a city, nor whether an undated record is a person or a body. The
// classifier decides with the small heuristics below; what they get wrong can be
// corrected in herald-extra.txt, which is loaded after the generated files.
type classifier struct {
	countries map[string]bool    // three-letter country codes that head a country record
	sectors   map[string]string  // CAMEO actor type codes (GOV, MIL, …)
	given     map[string]bool    // given names, upper case, from the CoNLL-2003 people
	main      map[string]*record // per bare country code, the country's own record
}

// countryNames replaces the source's formal or misspelt primary names with the names
// news uses; the source primary stays as a synonym.
var countryNames = map[string]string{
	"USA": "UNITED STATES", "GBR": "UNITED KINGDOM", "RUS": "RUSSIA", "ZAF": "SOUTH AFRICA",
	"TZA": "TANZANIA", "MDG": "MADAGASCAR", "BRN": "BRUNEI", "DDR": "EAST GERMANY",
}

// notDemonyms are first '+' lines under a country that are not adjectival forms.
var notDemonyms = map[string]bool{
	"BELGRADE": true, "APIA": true, "DJIBUTI": true, "ANGUILA": true, "EIRE": true,
	"ZEALAND": true, "BIH": true, "THE NATURE ISLAND": true, "CONGO BRAZZAVILLE": true,
}

var demonymSuffixes = []string{"AN", "ANS", "ESE", "ISH", "I", "IS", "ER", "ERS", "CH", "OT", "OTS",
	"QUE", "AIS", "OIS", "INE", "BE", "NE", "DE", "DES", "INO", "INOS", "SY", "SS", "EK", "EKS", "NN", "NNS", "ARD", "ARDS", "TU", "HAI", "ZI"}

// orgWords mark a record as a body rather than a person.
var orgWords = setOf(`ORGANIZATION ORGANISATION COMMISSION COUNCIL COMMITTEE FUND BANK AGENCY UNION
	ASSOCIATION FEDERATION INSTITUTE INSTITUTION UNIVERSITY PARTY FRONT MOVEMENT ARMY FORCE FORCES BRIGADE
	BRIGADES GUARD GUARDS COURT ASSEMBLY CONGRESS PARLIAMENT MINISTRY DEPARTMENT OFFICE BUREAU SERVICE
	SERVICES ADMINISTRATION GOVERNMENT HOUSE PALACE SENATE TRIBUNAL PROGRAMME PROGRAM CENTER CENTRE
	FOUNDATION SOCIETY NETWORK COALITION ALLIANCE LEAGUE GROUP TEAM CORPS POLICE MILITARY COMMAND
	INTELLIGENCE SECRETARIAT NEWS TIMES PRESS RADIO TELEVISION COMPANY CORPORATION INC LTD AUTHORITY
	BOARD DIRECTORATE COMMUNITY INITIATIVE TRUST CHURCH MISSION CONFERENCE CABINET PANEL RESERVE YARD
	STREET TANK FACTION RIFLES ARMED BATTALION CELL CELLS COMMANDOS SQUAD SQUADS MILITIA MILITIAS
	REGIME CONTINGENT ASSOCIATES COOPERATIVE COOPERATION PROJECT OBSERVATORY WATCH PARTNERS`)

// titleWords mark a record as a country-qualified title ("US Secretary of State").
var titleWords = setOf(`PRESIDENT VICE-PRESIDENT MINISTER SECRETARY SECRETARY-GENERAL AMBASSADOR ATTORNEY
	DIRECTOR REPRESENTATIVE CHAIRMAN SPEAKER GOVERNOR CHANCELLOR ENVOY SPOKESMAN SPOKESWOMAN
	SPOKESPERSON PREMIER`)

func setOf(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

func hasWord(p string, set map[string]bool) bool {
	for _, w := range strings.Fields(p) {
		if set[w] {
			return true
		}
	}
	return false
}

// countryOf returns the country prefix of an actor code ("USAGOV" -> "USA").
func (c classifier) countryOf(code string) string {
	if len(code) >= 3 && c.countries[code[:3]] {
		return code[:3]
	}
	return ""
}

// isTerritory reports whether code names a dependent territory (USAPRI, GBRGIB) rather
// than a sector of the country (USAGOV).
func (c classifier) isTerritory(code string) bool {
	if len(code) != 6 || c.countryOf(code) == "" {
		return false
	}
	_, sector := c.sectors[code[3:]]
	return !sector
}

func cleanAll(ps []string) []string {
	var out []string
	for _, p := range ps {
		if p = cleanPhrase(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// countryRecord classifies a record of Phoenix.Countries.actors.txt.
func (c classifier) countryRecord(r *record) []entry {
	code, _ := r.latest()
	if code == "" {
		skip("record without a code")
		return nil
	}
	if len(code) != 3 && !c.isTerritory(code) {
		return c.otherRecord(r)
	}
	prims := cleanAll(r.names[:r.nPrim])
	if len(prims) == 0 {
		skip("record without a usable name")
		return nil
	}
	country := code[:3]
	if len(code) == 3 && c.main != nil && c.main[code] != nil && c.main[code] != r {
		// Another record under the country's code: a list of its places.
		var out []entry
		for _, raw := range r.names {
			if p := cleanPhrase(raw); p != "" {
				out = append(out, entry{kind: "city", code: code, country: country, typ: "GPE", phrases: []string{p}})
			}
		}
		return out
	}
	primary := prims[0]
	names := []string{}
	if n, ok := countryNames[code]; ok && len(code) == 3 {
		names = append(names, n)
	}
	names = append(names, prims...)
	nameStems := stems(primary)
	var demonyms, cities []string
	for i, raw := range r.names[r.nPrim:] {
		p := cleanPhrase(raw)
		if p == "" {
			continue
		}
		switch {
		case strings.HasSuffix(p, " CITY"):
			cities = append(cities, p)
		case isDemonym(p, i == 0, nameStems):
			demonyms = append(demonyms, p)
			if pl := demonymPlural(p); pl != "" {
				demonyms = append(demonyms, pl)
			}
		case isMisspelling(p, primary):
			names = append(names, p)
		case isCountryName(p, primary, nameStems):
			names = append(names, p)
		default:
			cities = append(cities, p)
		}
	}
	out := []entry{{kind: "country", code: code, country: country, typ: "GPE", phrases: names}}
	if len(demonyms) > 0 {
		out = append(out, entry{kind: "demonym", code: code, country: country, typ: "NORP", phrases: demonyms})
	}
	for _, p := range cities {
		out = append(out, entry{kind: "city", code: code, country: country, typ: "GPE", phrases: []string{p}})
	}
	return out
}

// genericWords are parts of country names that say nothing about the country.
var genericWords = setOf(`UNITED STATES STATE REPUBLIC ISLANDS ISLAND SAINT KINGDOM DEMOCRATIC FEDERATION
	FEDERATED PEOPLES PEOPLE'S NORTH SOUTH EAST WEST NORTHERN CENTRAL ARAB GREAT NEW GUINEA`)

// stems are the first five letters of each long word of a country name: MEXIC, AMERI.
func stems(name string) []string {
	var out []string
	for _, w := range strings.Fields(name) {
		if genericWords[w] {
			continue
		}
		if len(w) >= 5 {
			out = append(out, w[:5])
		} else if len(w) == 4 {
			out = append(out, w) // CUBA, IRAN, PERU
		}
	}
	return out
}

func isDemonym(p string, first bool, nameStems []string) bool {
	if notDemonyms[p] || strings.ContainsAny(p, ".") {
		return false
	}
	words := strings.Fields(p)
	last := words[len(words)-1]
	suffix := false
	for _, s := range demonymSuffixes {
		if strings.HasSuffix(last, s) {
			suffix = true
			break
		}
	}
	if !suffix || len(words) > 3 {
		return false
	}
	if first {
		return true
	}
	// Later lines: a single word built on the country's name with an adjectival ending
	// (AMERICAN under UNITED STATES OF AMERICA), not the name itself.
	if len(words) != 1 {
		return false
	}
	if strings.HasSuffix(last, "ISH") { // BRITISH under UNITED KINGDOM
		return true
	}
	if strings.HasSuffix(last, "STAN") {
		return false
	}
	for _, s := range nameStems {
		if strings.HasPrefix(last, s) && (strings.HasSuffix(last, "AN") || strings.HasSuffix(last, "ANS") ||
			strings.HasSuffix(last, "ESE")) {
			return true
		}
	}
	return false
}

// isMisspelling reports whether p is a one-word variant of the country's name within a
// small edit distance (MEJICO, MESSICO for MEXICO), which the source lists among cities.
func isMisspelling(p, primary string) bool {
	if strings.Contains(p, " ") {
		return false
	}
	name := strings.ReplaceAll(primary, " ", "")
	if len(name) < 5 || p[0] != name[0] || strings.HasSuffix(p, "S") && !strings.HasSuffix(name, "S") {
		return false
	}
	return editDistance(p, name) <= len(name)/3
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// isCVC reports a consonant-vowel-consonant word (QOM), which is a name, not an
// abbreviation like USA or PRC.
func isCVC(w string) bool {
	v := func(c byte) bool { return strings.IndexByte("AEIOU", c) >= 0 }
	return len(w) == 3 && !v(w[0]) && v(w[1]) && !v(w[2])
}

func isCountryName(p, primary string, nameStems []string) bool {
	// Short abbreviations: U.S., USA, UK, U.S.A.
	letters := strings.ReplaceAll(strings.ReplaceAll(p, ".", ""), " ", "")
	if len(letters) <= 4 && strings.Contains(p, ".") || len(letters) == 2 || len(letters) == 3 && !isCVC(letters) {
		return true
	}
	words := strings.Fields(p)
	if len(words) == 1 && !genericWords[p] && hasWord(primary, map[string]bool{p: true}) {
		return true // AMERICA under UNITED STATES OF AMERICA
	}
	for _, s := range nameStems {
		for _, w := range words {
			// One-word phrases built on the name are mostly cities (MEXICALI).
			if len(words) > 1 && strings.HasPrefix(w, s) {
				return true
			}
		}
	}
	return strings.HasPrefix(p, "THE ") || strings.HasPrefix(p, "REPUBLIC OF ") || strings.Contains(p, " STATES")
}

// demonymPlural adds the plural that the source leaves out (MEXICAN -> MEXICANS).
func demonymPlural(p string) string {
	switch {
	case strings.HasSuffix(p, "AN"), strings.HasSuffix(p, "I") && !strings.HasSuffix(p, "HI"):
		return p + "S"
	}
	return ""
}

// otherRecord classifies a record that is not a country: a person, a body or a title.
func (c classifier) otherRecord(r *record) []entry {
	code, dated := r.latest()
	if code == "" || code == "---" {
		skip("record without a code")
		return nil
	}
	phrases := cleanAll(r.names)
	if len(phrases) == 0 {
		skip("record without a usable name")
		return nil
	}
	primary := phrases[0]
	e := entry{code: code, country: c.countryOf(code), phrases: phrases}
	words := strings.Fields(primary)
	sector := ""
	if e.country != "" {
		sector = code[3:]
	}
	switch {
	case r.file == "Phoenix.MilNonState.actors.txt":
		// Every record there is a group; people appear only as synonyms.
		e.kind, e.typ = "org", "ORG"
	case dated && !hasWord(primary, orgWords) && !hasWord(primary, smallWords) && len(words) <= 4:
		e.kind, e.typ = "person", "PERSON"
	case hasWord(primary, orgWords):
		e.kind, e.typ = "org", "ORG"
		e.phrases = dropRoleTails(phrases)
	case hasWord(primary, titleWords):
		e.kind = "agent"
	case len(words) == 1 && !strings.HasPrefix(sector, "ELI"):
		e.kind, e.typ = "org", "ORG"
	case len(words) <= 4 && (e.country == "" || strings.HasPrefix(sector, "ELI") || strings.HasPrefix(sector, "GOV") ||
		strings.HasPrefix(sector, "OPP") || strings.HasPrefix(sector, "REB") && len(words) >= 3):
		e.kind, e.typ = "person", "PERSON"
	default:
		e.kind, e.typ = "org", "ORG"
	}
	if e.kind == "person" && e.country == "" && c.isOrgName(primary, code, r.file == "Phoenix.International.actors.txt") {
		// The International file lists its bodies like its people, one name and a code,
		// so an IGO, NGO, company or outlet without a country fell through to the person
		// branches above ("Medecins Sans Frontieres" NGOHLHMSF, "Lloyds Banking" MNCGBR),
		// as did the odd body of the Countries file whose code names no country
		// ("Republic of Serbian Krajina" KRJUNR).
		e.kind, e.typ = "org", "ORG"
		e.phrases = dropRoleTails(phrases)
	}
	return []entry{e}
}

// orgNameWords mark a name without a country as a body's, beyond orgWords: the words
// companies, charities and outlets put in their names.
var orgNameWords = setOf(`BANKS BANKING BANCORP BANCSHARES BANCORPORATION CORP CO INC INCORPORATED LIMITED
	LLC LP PLC NV N.V. SA S.A. AG SPA HOLDINGS HOLDING GROUPS FUNDS FUNDACION FONDATION FONDO STIFTUNG
	FRONTIERES RELIEF AID COUNCILS COMMITTEES ORGANIZATIONS ORGANISATIONS ASSOCIATIONS AGENCIES INSTITUTES
	AIRWAYS AIRLINES AIR COMMUNICATIONS TELECOM TELECOMS STATES REPUBLIC MOVEMENTS NETWORKS
	TELEVISION INTERNATIONAL INTERNATIONALE WORLDWIDE GLOBAL INDUSTRIES TECHNOLOGIES TECHNOLOGY
	PHARMACEUTICALS PHARMACEUTICAL PHARMA THERAPEUTICS BIOSCIENCES ENERGY FINANCIAL CAPITAL SYSTEMS
	SOLUTIONS RESOURCES MINING MINERALS PETROLEUM OIL GAS ENTERPRISES PROPERTIES INVESTMENTS INSURANCE
	FOOD FOODS FARMS MATERIALS IMPORTS SHIPYARDS PRODUCTIONS LABORATORIES TRANSPORT CHEMICAL PACKAGING
	CLUB CLUBS FORUM CAMPAIGN ACTION NATIONS MONITOR JOURNAL MAGAZINE POST HERALD TRIBUNE
	MEDIA BROADCASTING CHANNEL SOCIETE CROIX`)

// orgConnectors join the words of a body's name ("Interns for Peace", "Briggs and
// Stratton", "Vina Concha y Toro"); the particles of people's names (de, van, von) are
// not among them. Spanish "y" is, as no person the International file lists without a
// country has it.
var orgConnectors = setOf("OF THE AND & Y FOR ON IN TO AT BY WITH WITHOUT")

// isOrgName reports whether a record without a country that the rules above took for a
// person is a body: its name has a body's word, a connector or a leading "The". The
// International file (intl) lists few people under company (MNC), outlet (MED) and NGO
// codes, so there those are bodies unless the name has a person's mark (a given name or
// an initial); IGO and IMG records are mostly office holders, so only the name's words
// decide.
func (c classifier) isOrgName(name, code string, intl bool) bool {
	words := strings.Fields(name)
	if words[0] == "THE" || hasWord(name, orgWords) || hasWord(name, orgNameWords) || hasWord(name, orgConnectors) {
		return true
	}
	switch {
	case !intl:
		return false
	case strings.HasPrefix(code, "MNC"), strings.HasPrefix(code, "MED"), strings.HasPrefix(code, "NGO"):
		return !c.hasPersonMark(words, strings.HasPrefix(code, "MNC"))
	}
	return false
}

// hasPersonMark reports a given name ("Robert Berzok", "Tom Failla") or an initial
// ("E Slack", "T. Failla", "S.S. Maitra"), which company and charity names seldom have.
// Run-together initials ("J.C. Penney", "H.J. Heinz") are how American companies are
// named, so a company's name needs a single initial. (An honorific would not help: the
// companies and NGOs the source lists with one are "Dr Pepper Snapple" and "Ms Nepal".)
func (c classifier) hasPersonMark(words []string, company bool) bool {
	// "Al" is Al Gore's given name but, in these lists, the Arabic article of outlets
	// and NGOs ("Al Jazeera", "Al Haq").
	if c.given[words[0]] && words[0] != "AL" && len(words) > 1 {
		return true
	}
	for _, w := range words[:len(words)-1] {
		letters := strings.ReplaceAll(w, ".", "")
		if len(letters) == 1 ||
			!company && strings.HasSuffix(w, ".") && len(letters) <= 3 && len(w) == 2*len(letters) {
			return true
		}
	}
	return false
}

// smallWords stay lower-case inside a display name.
var smallWords = setOf("OF THE AND FOR ON IN TO AT BY DE DEL DA DU LA LE LES DES VON VAN Y")

// acronyms stay upper-case in a display name.
var acronyms = setOf(`UN U.N. US U.S. USA U.S.A. UK U.K. EU E.U. AU NATO IAEA OPEC ICJ ICC IMF WHO WTO
	ASEAN OSCE OAS SADC ECOWAS IGAD UNICEF UNHCR UNESCO FAO WFP UNDP UNSG OHCHR IPCC FBI CIA NSA DOD
	FSB KGB DGSE ISI PLO PKK ETA IRA FARC ELN LTTE ISIS ISIL AQAP AQIM ANC MDC BBC CNN AP AFP NGO TV
	II III IV EC ECB GCC EEC UNSG UNEP UNFPA UNRWA UNIFIL`)

// display turns an upper-case phrase into the display form used in the data files:
// "UNITED NATIONS" -> "United Nations", "AL-QAEDA" -> "Al-Qaeda", keeping acronyms.
func display(p, kind string) string {
	words := strings.Fields(p)
	if kind == "org" && len(words) == 1 && len(p) <= 4 {
		return p
	}
	for i, w := range words {
		switch {
		case acronyms[w]:
		case i > 0 && smallWords[w]:
			words[i] = strings.ToLower(w)
		default:
			words[i] = titleWord(w)
		}
	}
	return strings.Join(words, " ")
}

// titleWord capitalises each part of a word split at '-', '\” and '.'.
func titleWord(w string) string {
	b := []byte(strings.ToLower(w))
	up := true
	for i, c := range b {
		if up && c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
		up = c == '-' || c == '.' || (c == '\'' && i != len(b)-2) // O'Brien, but Children's
	}
	return string(b)
}

// dropRoleTails removes synonyms such as "WHITE HOUSE SPOKESMAN" from a body's phrases:
// Herald finds the body and the role word separately, so the body's span stays the body.
func dropRoleTails(ps []string) []string {
	out := ps[:1]
	for _, p := range ps[1:] {
		w := strings.Fields(p)
		last := w[len(w)-1]
		if titleWords[last] || last == "OFFICIAL" || last == "OFFICIALS" || last == "SECRETARY" {
			skip("body synonym ending in a role word")
			continue
		}
		out = append(out, p)
	}
	return out
}
