package main

import (
	"bufio"
	"os"
	"strings"
)

// readGivenNames collects given names from the CoNLL-2003 training set: the first token
// of each person span of two or more tokens ("Tom" of "Tom Failla"), seen at least
// twice so that a one-off tagging slip does not count. The classifier uses them only
// to keep a person in the International file's lists of companies and NGOs.
func readGivenNames(path string) (map[string]bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	count := map[string]int{}
	first, n, prevPER := "", 0, false
	end := func() {
		if n >= 2 {
			count[first]++
		}
		first, n = "", 0
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Fields(sc.Text())
		tag := ""
		if len(cols) >= 4 {
			tag = cols[3]
		}
		isPER := strings.HasSuffix(tag, "-PER")
		switch {
		case tag == "B-PER" || isPER && !prevPER: // IOB2 or IOB1 span start
			end()
			first, n = strings.ToUpper(cols[0]), 1
		case isPER:
			n++
		default:
			end()
		}
		prevPER = isPER
	}
	end()
	names := map[string]bool{}
	for w, k := range count {
		if k >= 2 {
			names[w] = true
		}
	}
	return names, sc.Err()
}
