// Command gensnap stores the verb dictionary (event/data/*.tsv) parsed, as the snapshot
// package event embeds and decodes at start-up (event/data/coder.bin). Run it after
// editing the dictionary; a test in package event fails while the snapshot is stale.
//
// usage (from the repository root): go run ./event/gensnap
package main

import (
	"flag"
	"log"
	"os"

	"github.com/heraldnews/herald/event"
)

func main() {
	out := flag.String("out", "event/data/coder.bin", "the snapshot to write")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("event/gensnap: ")
	snap, err := event.Compile()
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, snap, 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("%s: %d bytes", *out, len(snap))
}
