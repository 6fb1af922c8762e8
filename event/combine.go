package event

// CAMEO builds expressions of intent (03), demands (10), rejections (12) and threats (13)
// from the action they are about: "will provide aid" is 033 (intent to provide material
// aid), "demanded the release" 1053, "refused to lift sanctions" 1244, "threatened to
// impose a blockade" 1381. These tables carry an action code to its counterpart; PETRARCH2
// does the same through its verb-combination rules.

// intentOf maps an action that is planned or promised to CAMEO's "express intent" (03x)
// for cooperation, or to a threat (13x) for conflict.
func intentOf(code string) string {
	if len(code) < 2 {
		return code
	}
	switch code[:2] {
	case "04":
		return "036"
	case "05":
		if code == "057" {
			return "030"
		}
		return "032"
	case "06":
		return pick(code, codeMap1, "031")
	case "07":
		return pick(code, codeMap2, "033")
	case "08":
		return pick(code, codeMap3, "035")
	case "14", "16", "17", "18", "19", "20":
		return threatOf(code)
	}
	return code
}

// threatOf maps a conflictual action to the threat of it.
func threatOf(code string) string {
	if len(code) < 2 {
		return code
	}
	switch code[:2] {
	case "14":
		return "133"
	case "16":
		return pick(code, codeMap4, "131")
	case "17":
		return pick(code, codeMap5, "130")
	case "18":
		return "1383"
	case "19":
		return pick(code, codeMap6, "1384")
	case "20":
		if len(code) >= 3 && code[:3] == "204" {
			return "1385"
		}
		return "1383"
	case "12", "13", "15":
		return code
	}
	return "130"
}

// rejectOf maps a cooperative action that an actor refuses or says it will not take to
// the matching rejection (12x). ok is false for actions whose refusal is no CAMEO
// rejection (conflict: "refused to attack" is a non-event, coded negated instead).
func rejectOf(code string) (string, bool) {
	if len(code) < 2 {
		return code, false
	}
	switch code[:2] {
	case "03":
		return pick(code, codeMap7, "120"), true
	case "04":
		return "125", true
	case "05":
		if code == "057" {
			return "127", true
		}
		return "120", true
	case "02", "10", "12":
		return "120", true
	}
	if i := intentOf(code); i != code && i[:2] == "03" {
		return rejectOf(i)
	}
	return code, false
}

// demandOf maps an action that an actor demands of another to the demand for it (10x).
func demandOf(code string) string {
	if len(code) < 2 {
		return code
	}
	switch code[:2] {
	case "02", "10":
		return code
	case "03":
		return pick(code, codeMap8, "100")
	case "04":
		return "106"
	case "05":
		return "102"
	case "06":
		return pick(code, codeMap9, "101")
	case "07":
		return pick(code, codeMap10, "103")
	case "08":
		return pick(code, codeMap11, "105")
	case "09":
		return "101"
	}
	return "100"
}

func pick(code string, m map[string]string, def string) string {
	for c := code; len(c) >= 3; c = c[:len(c)-1] {
		if v, ok := m[c]; ok {
			return v
		}
	}
	return def
}

// cooperative reports whether code is a cooperative action (roots 03–08).
func cooperative(code string) bool {
	return len(code) >= 2 && code[:2] >= "03" && code[:2] <= "08"
}

// The code maps of the functions above, built once.
var (
	codeMap1 = map[string]string{"061": "0311", "062": "0312", "063": "0313", "064": "0314"}
	codeMap2 = map[string]string{"071": "0331", "072": "0332", "073": "0333", "074": "0334"}
	codeMap3 = map[string]string{"081": "0351", "0811": "0351", "0812": "0351", "082": "0352",
		"083": "034", "0831": "0341", "0832": "0342", "0833": "0343", "0834": "0344",
		"084": "0353", "0841": "0353", "0842": "0353", "085": "0354", "086": "0355", "0861": "0355",
		"0862": "0355", "0863": "0355", "087": "0356", "0871": "0356", "0872": "0356", "0873": "0356",
		"0874": "0356"}
	codeMap4 = map[string]string{"161": "1313", "162": "1311", "1621": "1311", "1622": "1311",
		"1623": "1311", "163": "1312", "164": "134", "165": "135", "166": "136", "1661": "136",
		"1662": "136", "1663": "136"}
	codeMap5 = map[string]string{"172": "132", "1721": "1321", "1722": "1322", "1723": "1323",
		"1724": "1324", "175": "137"}
	codeMap6 = map[string]string{"191": "1381", "192": "1382"}
	codeMap7 = map[string]string{"031": "121", "0311": "1211", "0312": "1212", "0313": "1213",
		"0314": "1214", "032": "120", "033": "122", "0331": "1221", "0332": "1222", "0333": "1223",
		"0334": "1224", "034": "123", "0341": "1231", "0342": "1232", "0343": "1233", "0344": "1234",
		"035": "124", "0351": "1241", "0352": "1242", "0353": "1243", "0354": "1244", "0355": "1245",
		"0356": "1246", "036": "125", "037": "127", "038": "126", "039": "126"}
	codeMap8  = map[string]string{"036": "106", "037": "107", "038": "108"}
	codeMap9  = map[string]string{"061": "1011", "062": "1012", "063": "1013", "064": "1014"}
	codeMap10 = map[string]string{"071": "1031", "072": "1032", "073": "1033", "074": "1034"}
	codeMap11 = map[string]string{"081": "1051", "082": "1052", "083": "104", "0831": "1041",
		"0832": "1042", "0833": "1043", "0834": "1044", "084": "1053", "0841": "1053", "0842": "1053",
		"085": "1054", "086": "1055", "087": "1056", "0871": "1056", "0872": "1056", "0873": "1056",
		"0874": "1056"}
)
