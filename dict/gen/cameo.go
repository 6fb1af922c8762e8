package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// cameoRow is one line of the generated cameo.txt.
type cameoRow struct {
	code, goldstein, plover, mode, context, name, note string
}

// gluedCode matches GDELT's CAMEO.eventcodes.txt line where the 106 entry lost its line
// break and was appended to 1056: "…military engagement106:[-5.0] Demand withdrawal".
var gluedCode = regexp.MustCompile(`^(.*?)(\d{3,4}):\[(-?\d+\.\d+)\]\s*(.+)$`)

// cameoNameFixes repairs names that arrive mis-encoded in the GDELT file.
var cameoNameFixes = map[string]string{
	"044": "Meet at a 'third' location",
}

// cameoExtras are codes used by the PETRARCH2 verb dictionary (CAMEO.2.0.txt) or the
// PLOVER table but missing from GDELT's lookup files. Without them the event coder could
// emit a code that Cameo cannot describe. Their Goldstein value is their parent's, and
// the generated file says so.
var cameoExtras = []struct{ code, parent, name string }{
	{"1213", "121", "Reject judicial cooperation"},
	{"1214", "121", "Reject intelligence cooperation"},
	{"176", "17", "Attack cybernetically"},
}

func genCameo(shared, out string) error {
	dir := filepath.Join(shared, "cameo")
	names, order, err := readCameoNames(filepath.Join(dir, "CAMEO.eventcodes.txt"))
	if err != nil {
		return err
	}
	gold, err := readTSV(filepath.Join(dir, "CAMEO.goldsteinscale.txt"))
	if err != nil {
		return err
	}
	// The glued 106 line carries its own Goldstein value.
	for code, n := range names {
		if n.goldstein != "" {
			if _, ok := gold[code]; !ok {
				gold[code] = n.goldstein
			}
		}
	}
	plover, err := readPlover(filepath.Join(dir, "CAMEO2PLOVER-2021.txt"))
	if err != nil {
		return err
	}

	rows := make([]cameoRow, 0, len(order)+len(cameoExtras))
	for _, code := range order {
		g, ok := gold[code]
		if !ok {
			return fmt.Errorf("cameo: no Goldstein value for %s", code)
		}
		p := plover[code]
		r := cameoRow{code: code, goldstein: g, plover: p.typ, mode: p.mode, context: p.context, name: names[code].name}
		if names[code].goldstein != "" {
			r.note = "split from a joined line in CAMEO.eventcodes.txt"
		}
		rows = append(rows, r)
	}
	for _, x := range cameoExtras {
		if _, ok := names[x.code]; ok {
			continue
		}
		g, ok := gold[x.parent]
		if !ok {
			return fmt.Errorf("cameo: extra %s: parent %s has no Goldstein value", x.code, x.parent)
		}
		p := plover[x.code]
		rows = append(rows, cameoRow{code: x.code, goldstein: g, plover: p.typ, mode: p.mode, context: p.context,
			name: x.name, note: "not in GDELT's tables; Goldstein of " + x.parent})
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].code < rows[j].code })

	var b strings.Builder
	b.WriteString(generatedHeader("cameo/CAMEO.eventcodes.txt, cameo/CAMEO.goldsteinscale.txt, cameo/CAMEO2PLOVER-2021.txt"))
	b.WriteString(`# CAMEO event codes: one code per line, tab-separated columns:
#   code  goldstein  quadclass  plover_type  plover_mode  plover_context  name  [# note]
# Goldstein values are GDELT's. QuadClass follows the root as in GDELT (01-05 -> 1,
# 06-08 -> 2, 09-13 -> 3, 14-20 -> 4). Empty PLOVER columns are written as "-".
# Codes 01x and 02x have no PLOVER mapping in the 2021 table.
`)
	for _, r := range rows {
		q, err := quadClass(r.code)
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s\t%s\t%d\t%s\t%s\t%s\t%s", r.code, r.goldstein, q, dash(r.plover), dash(r.mode), dash(r.context), r.name)
		if r.note != "" {
			fmt.Fprintf(&b, "\t# %s", r.note)
		}
		b.WriteByte('\n')
	}
	logf("cameo: %d codes (%d with PLOVER type)", len(rows), countPlover(rows))
	return writeFile(filepath.Join(out, "cameo.txt"), b.String())
}

func countPlover(rows []cameoRow) int {
	n := 0
	for _, r := range rows {
		if r.plover != "" {
			n++
		}
	}
	return n
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func quadClass(code string) (int, error) {
	if len(code) < 2 {
		return 0, fmt.Errorf("cameo: bad code %q", code)
	}
	switch root := code[:2]; {
	case root >= "01" && root <= "05":
		return 1, nil
	case root >= "06" && root <= "08":
		return 2, nil
	case root >= "09" && root <= "13":
		return 3, nil
	case root >= "14" && root <= "20":
		return 4, nil
	}
	return 0, fmt.Errorf("cameo: code %q has no QuadClass", code)
}

type cameoName struct{ name, goldstein string }

// readCameoNames reads CAMEO.eventcodes.txt, splitting the glued 1056/106 line and
// repairing mis-encoded names. It returns the codes in file order.
func readCameoNames(path string) (map[string]cameoName, []string, error) {
	rows, err := readTSVOrdered(path)
	if err != nil {
		return nil, nil, err
	}
	names := map[string]cameoName{}
	var order []string
	add := func(code string, n cameoName) {
		if _, dup := names[code]; !dup {
			order = append(order, code)
		}
		names[code] = n
	}
	for _, kv := range rows {
		code, name := kv[0], kv[1]
		if m := gluedCode.FindStringSubmatch(name); m != nil {
			add(code, cameoName{name: strings.TrimSpace(m[1])})
			add(m[2], cameoName{name: strings.TrimSpace(m[4]), goldstein: m[3]})
			continue
		}
		if fix, ok := cameoNameFixes[code]; ok {
			name = fix
		}
		add(code, cameoName{name: name})
	}
	return names, order, nil
}

type ploverMap struct{ typ, mode, context string }

// readPlover reads CAMEO2PLOVER-2021.txt, whose lines look like
//
//	0211: AGREE,  ,   economic # comment
//
// (type, mode, context). Root lines such as "08: CONCEDE" carry a type only; where a
// code appears twice (08, 175) the first line wins.
func readPlover(path string) (map[string]ploverMap, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m := map[string]ploverMap{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		code, rest, ok := strings.Cut(line, ":")
		code = strings.TrimSpace(code)
		if !ok || code == "" || strings.Trim(code, "0123456789") != "" {
			continue
		}
		if _, dup := m[code]; dup {
			continue
		}
		f := strings.Split(rest, ",")
		for len(f) < 3 {
			f = append(f, "")
		}
		m[code] = ploverMap{typ: strings.TrimSpace(f[0]), mode: strings.TrimSpace(f[1]), context: strings.Join(strings.Fields(strings.Join(f[2:], ",")), " ")}
	}
	return m, sc.Err()
}

func readTSV(path string) (map[string]string, error) {
	rows, err := readTSVOrdered(path)
	if err != nil {
		return nil, err
	}
	m := make(map[string]string, len(rows))
	for _, kv := range rows {
		m[kv[0]] = kv[1]
	}
	return m, nil
}

// readTSVOrdered reads a two-column GDELT lookup file, skipping its header line.
func readTSVOrdered(path string) ([][2]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var rows [][2]string
	sc := bufio.NewScanner(f)
	first := true
	for sc.Scan() {
		if first {
			first = false
			continue
		}
		k, v, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			continue
		}
		rows = append(rows, [2]string{strings.TrimSpace(k), strings.TrimSpace(v)})
	}
	return rows, sc.Err()
}
