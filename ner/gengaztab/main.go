// Command gengaztab compiles the tagger's gazetteer list (ner/data/gazetteer.tsv) into the
// table package ner embeds and reads in place (ner/data/gazetteer.bin). Run it after
// gengaz; a test in package ner fails while the table is stale.
//
// usage (from the repository root): go run ./ner/gengaztab
package main

import (
	"flag"
	"log"
	"os"

	"github.com/heraldnews/herald/ner"
)

func main() {
	in := flag.String("in", "ner/data/gazetteer.tsv", "the gazetteer list")
	out := flag.String("out", "ner/data/gazetteer.bin", "the compiled table to write")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("ner/gengaztab: ")
	f, err := os.Open(*in)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	tab, err := ner.CompileGazetteer(f)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, tab, 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("%s: %d bytes", *out, len(tab))
}
