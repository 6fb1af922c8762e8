// Command prose-bench runs github.com/jdkato/prose/v2's entity extraction over text files,
// as a yardstick for Herald's speed and quality. It lives in its own module so that Herald
// does not depend on prose.
//
//	go run . [-workers N] [-o out.jsonl] DIR|FILE...
//
// It prints one line to stderr: articles, tokens, seconds and articles/s of the
// extraction loop (the model load is timed apart, since Herald's is too). With -o, it writes
// prose's entities in the shape of 'herald extract --format jsonl' ({path, text,
// entities[{type, mentions[{start, end, text}]}]}, offsets in code points) so that the
// reference NER scorer can score them.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"
)

type mention struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

type entity struct {
	Type     string    `json:"type"`
	Mentions []mention `json:"mentions"`
}

type record struct {
	Path     string   `json:"path"`
	Text     string   `json:"text"`
	Entities []entity `json:"entities"`
}

func main() {
	workers := flag.Int("workers", 1, "documents processed at once (each worker loads its own model)")
	out := flag.String("o", "", "write entities as herald-shaped JSONL to this file")
	flag.Parse()
	var files []string
	for _, a := range flag.Args() {
		filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".txt") {
				files = append(files, p)
			}
			return nil
		})
	}
	sort.Strings(files)
	texts := make([]string, len(files))
	for i, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		texts[i] = string(b)
	}

	// prose.NewDocument builds its default model on every call unless one is passed in;
	// a real user loads it once, so do that per worker, outside the timed loop.
	t0 := time.Now()
	models := make([]*prose.Model, *workers)
	for w := range models {
		d, err := prose.NewDocument("")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		models[w] = d.Model
	}
	load := time.Since(t0)

	tokens := make([][]prose.Token, len(texts))
	ents := make([][]prose.Entity, len(texts))
	ntok := make([]int, *workers)
	start := time.Now()
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := range next {
				doc, err := prose.NewDocument(texts[i], prose.UsingModel(models[w]))
				if err != nil {
					fmt.Fprintln(os.Stderr, files[i], err)
					continue
				}
				toks := doc.Tokens()
				ntok[w] += len(toks)
				if *out != "" {
					tokens[i], ents[i] = toks, doc.Entities() // converted after the timed loop
				}
			}
		}(w)
	}
	for i := range texts {
		next <- i
	}
	close(next)
	wg.Wait()
	el := time.Since(start)
	n := 0
	for _, k := range ntok {
		n += k
	}
	fmt.Fprintf(os.Stderr, "prose: %d articles, %d tokens in %.2fs: %.1f articles/s, %.0f tokens/s (model load %.2fs per worker)\n",
		len(texts), n, el.Seconds(), float64(len(texts))/el.Seconds(), float64(n)/el.Seconds(), load.Seconds()/float64(*workers))

	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		w := bufio.NewWriter(f)
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for i := range texts {
			enc.Encode(toRecord(files[i], texts[i], tokens[i], ents[i]))
		}
		if err := w.Flush(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		f.Close()
	}
}

// types maps prose's entity labels (those of NLTK's ACE-trained chunker) to the type names
// Herald writes and the reference scorer reads (PERSON, ORG, GPE, LOC), so that prose's
// ORGANIZATION and LOCATION count too. FACILITY and GSP are rare and go to MISC, unscored.
var types = map[string]string{
	"PERSON": "PERSON", "GPE": "GPE", "LOCATION": "LOC", "ORGANIZATION": "ORG",
}

// toRecord gives prose's entities (doc.Entities(), its own chunking of the labelled
// tokens) offsets in the text. prose keeps none: each token is found in the text after the
// previous one, and each entity, whose text is its tokens joined by spaces, is matched to
// the next run of tokens with those texts.
func toRecord(path, text string, toks []prose.Token, ents []prose.Entity) record {
	r := record{Path: path, Text: text, Entities: []entity{}}
	starts, ends := make([]int, len(toks)), make([]int, len(toks))
	pos := 0
	for k, t := range toks {
		starts[k] = -1
		if i := strings.Index(text[pos:], t.Text); t.Text != "" && i >= 0 {
			starts[k], ends[k] = pos+i, pos+i+len(t.Text)
			pos = ends[k]
		}
	}
	byType := map[string]int{}
	k := 0
	for _, e := range ents {
		parts := strings.Split(e.Text, " ")
		for ; k+len(parts) <= len(toks); k++ {
			if matchRun(toks[k:k+len(parts)], parts) {
				break
			}
		}
		if k+len(parts) > len(toks) {
			break // prose's entities are in token order; an unmatched one ends the search
		}
		s, en := starts[k], ends[k+len(parts)-1]
		k += len(parts)
		typ := types[e.Label]
		if typ == "" {
			typ = "MISC"
		}
		if s < 0 || en <= s {
			continue
		}
		m := mention{Start: utf8.RuneCountInString(text[:s]), End: utf8.RuneCountInString(text[:en]), Text: text[s:en]}
		j, ok := byType[typ]
		if !ok {
			// One entity per type holds all its mentions: the NER scorer reads mentions
			// and types only, not how mentions are grouped into entities.
			j = len(r.Entities)
			byType[typ] = j
			r.Entities = append(r.Entities, entity{Type: typ})
		}
		r.Entities[j].Mentions = append(r.Entities[j].Mentions, m)
	}
	return r
}

func matchRun(toks []prose.Token, parts []string) bool {
	for i, p := range parts {
		if toks[i].Text != p {
			return false
		}
	}
	return true
}
