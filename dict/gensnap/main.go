// Command gensnap stores the gazetteer's text files (dict/data/*.txt) parsed, as the
// snapshot package dict embeds and loads at start-up (data/gazetteer.bin). Run it after
// editing the text files; a test in package dict fails while the snapshot is stale.
//
// usage (from the repository root): go run ./dict/gensnap
// (go generate ./dict runs it from dict/, with -data data -out data/gazetteer.bin)
package main

import (
	"flag"
	"log"
	"os"

	"github.com/heraldnews/herald/dict"
)

func main() {
	data := flag.String("data", "dict/data", "the gazetteer's text files")
	out := flag.String("out", "dict/data/gazetteer.bin", "the snapshot to write")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("dict/gensnap: ")
	snap, err := dict.Compile(os.DirFS(*data))
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, snap, 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("%s: %d bytes", *out, len(snap))
}
