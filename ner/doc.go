// Package ner is Herald's named-entity tagger: it marks people (PER), places (LOC),
// organisations (ORG) and other names (MISC) in tokenised sentences with IOB2 tags, which
// the entity stage turns into mentions.
//
// The model is an averaged perceptron decoded with Viterbi over tag bigrams (or greedily,
// with two tags of history, if trained so), over word, case, shape, affix, context and gazetteer features. Features
// are hashed to uint64 keys and looked up in an open-addressing table, so tagging does not
// allocate per token. The weights (int16) and the gazetteer (compiled by ./gengaztab)
// are embedded; nothing is read from disk at run time.
//
// Training data: CoNLL-2003 English (Reuters newswire, licensed by Reuters for research use).
// Gazetteer: generated from the PETRARCH2/Phoenix dictionaries (Open Event Data Alliance,
// MIT licence, data/LICENSE-petrarch2) by ./gengaz. See README.md for the measured scores.
//
// To regenerate the gazetteer and retrain (from the repository root, with ../shared present):
//
//	go run ./ner/gengaz -src ../shared/data/petrarch2 -out ner/data/gazetteer.tsv
//	go run ./ner/gengaztab
//	go run ./cmd/herald train-ner -train ../shared/data/ner/conll2003-train.txt -dev ../shared/eval/ner/conll2003-dev.txt -iter 10 -augment 0.2 -viterbi -prune 1500 -out ner/model/ner.bin
//
//go:generate sh -c "cd .. && go run ./ner/gengaz -src ../shared/data/petrarch2 -out ner/data/gazetteer.tsv && go run ./ner/gengaztab && go run ./cmd/herald train-ner -train ../shared/data/ner/conll2003-train.txt -dev ../shared/eval/ner/conll2003-dev.txt -iter 10 -augment 0.2 -viterbi -prune 1500 -out ner/model/ner.bin"
package ner
