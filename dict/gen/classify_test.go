package main

import (
	"strings"
	"testing"
)

// TestInternationalBodies checks that the International file's bodies, which it lists
// like people (a name and a code), come out as organisations while its office holders
// stay people.
func TestInternationalBodies(t *testing.T) {
	c := classifier{
		countries: map[string]bool{"KOR": true, "GBR": true},
		sectors:   map[string]string{"GOV": "Government", "BUS": "Business"},
		given:     map[string]bool{"TOM": true, "KOFI": true, "AL": true},
	}
	const intl = "Phoenix.International.actors.txt"
	tests := []struct {
		line, file, kind string
	}{
		{"MEDECINS_SANS_FRONTIERES_ [NGOHLHMSF]", intl, "org"},
		{"REPORTERS_SANS_FRONTIERES_ [NGOHRI]", intl, "org"},
		{"ISLAMIC_RELIEF_ [NGOMOSDEV]", intl, "org"},
		{"RADDA_BARNEN_ [NGOSWEDEV]", intl, "org"},
		{"LLOYDS_BANKING_ [MNCGBR]", intl, "org"},
		{"ALLIED_IRISH_BANKS_ [MNCIRL]", intl, "org"},
		{"REPUBLIC_AIRWAYS_ [MNCUSA]", intl, "org"},
		{"PHILIP_MORRIS_INTERNATIONAL_ [MNCUSA]", intl, "org"},
		{"COMMONWEALTH_OF_INDEPENDENT_STATES_ [IGOCASCIS]", intl, "org"},
		{"THE_UNITED_NATIONS_ [IGOUNO]", intl, "org"},
		{"THE_GUARDIAN_ [MED]", intl, "org"},
		{"AL_JAZEERA_ [MED]", intl, "org"},
		{"AL_HAQ_ [NGOPALHRI]", intl, "org"},
		{"KOFI_ANNAN_ [IGOUNO 970101-061231] [ELI]", intl, "person"},
		{"STEPHEN_M._SCHWEBEL_ [IGO 970206-000207]", intl, "person"},
		{"EMEKA_ANYAOKU_ [IGOCWN]", intl, "person"},
		{"HANS_VAN_MIERLO_ [IGOEUREEC]", intl, "person"},
		{"TOM_FAILLA_ [MNCUSA]", intl, "person"},
		{"T._FAILLA_ [MNCUSA]", intl, "person"},
		{"R_S_BUTOLA_ [MNCIND]", intl, "person"},
		{"J.C._PENNEY_ [MNCUSA]", intl, "org"},
		{"S.S._MAITRA_ [NGOINDHLHIRC]", intl, "person"},
		{"BAN_KI-MOON_ [IGOUNO >20070101] [KORGOVBUS 20040117-20061201]", intl, "person"},
		// In the Countries file only a body's words count: its office holders stay
		// people, with a country or without one (TKM is no country code there).
		{"GORDON_BROWN_ [GBRGOV]", "Phoenix.Countries.actors.txt", "person"},
		{"REPUBLIC_OF_SERBIAN_KRAJINA_ [KRJUNR 911219-951112]", "Phoenix.Countries.actors.txt", "org"},
		{"ATAMURAD_BERDIYEV_ [TKMGOV]", "Phoenix.Countries.actors.txt", "person"},
	}
	for _, tt := range tests {
		r := &record{file: tt.file, nPrim: 1, codes: parseCodes(tt.line)}
		name := tt.line
		if i := strings.IndexByte(name, '['); i >= 0 {
			name = name[:i]
		}
		r.names = []string{name}
		es := c.otherRecord(r)
		if len(es) != 1 || es[0].kind != tt.kind {
			t.Errorf("%s: got %+v, want kind %s", tt.line, es, tt.kind)
		}
	}
}

// TestPlacesUnderCountryCode: a second record under a country's bare code is a list of its
// places; the country's own record (the one the generator marks main) stays the country.
func TestPlacesUnderCountryCode(t *testing.T) {
	cities := &record{file: "Phoenix.Countries.actors.txt", nPrim: 1, codes: parseCodes("[ABC]"),
		names: []string{"OLDTOWN_", "+RIVERTON_"}}
	country := &record{file: "Phoenix.Countries.actors.txt", nPrim: 1, codes: parseCodes("[ABC]"),
		names: []string{"ABCLAND_", "+ABCLANDIAN_", "+REPUBLIC_OF_ABCLAND_"}}
	c := classifier{countries: map[string]bool{"ABC": true}, main: map[string]*record{"ABC": country}}
	for _, e := range c.countryRecord(cities) {
		if e.kind != "city" {
			t.Errorf("places record gave %+v, want cities only", e)
		}
	}
	if es := c.countryRecord(country); len(es) == 0 || es[0].kind != "country" {
		t.Errorf("country record gave %+v", es)
	}
}
