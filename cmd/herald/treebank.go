package main

import (
	"os"

	"github.com/heraldnews/herald/parse"
)

// readTreebank reads a CoNLL-U file (train-parser, train-nominal).
func readTreebank(path string) ([]parse.Sentence, parse.ReadStats, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, parse.ReadStats{}, err
	}
	defer f.Close()
	return parse.ReadCoNLLU(f)
}

// readPOSColumn reads the sentences and part-of-speech column of a CoNLL-2003 file.
func readPOSColumn(path string) ([]parse.Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parse.ReadCoNLL2003(f)
}
