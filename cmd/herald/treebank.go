package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

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

// readEWT reads the UD English EWT training and development files from dir, and tells
// log (when not nil) how many sentences each held and how many compounds were joined.
func readEWT(dir string, log io.Writer) (train, dev []parse.Sentence, err error) {
	read := func(name string) ([]parse.Sentence, error) {
		s, st, err := readTreebank(filepath.Join(dir, name))
		if err == nil && log != nil {
			fmt.Fprintf(log, "%s: %d sentences, %d hyphenated compounds joined\n", name, st.Sentences, st.Merged)
		}
		return s, err
	}
	if train, err = read("en_ewt-train.conllu"); err != nil {
		return nil, nil, err
	}
	if dev, err = read("en_ewt-dev.conllu"); err != nil {
		return nil, nil, err
	}
	return train, dev, nil
}
