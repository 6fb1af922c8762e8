// Package parse is Herald's syntactic analysis: a part-of-speech tagger (Penn Treebank tags)
// and a dependency parser (Universal Dependencies relations) for the tokens nlp produces,
// so that later stages can ask who is the subject of a verb, what a clause's span is, or
// which verb a reporting clause hangs from.
//
// Three small averaged-perceptron models do the work, each greedy and left to right:
//
//   - the tagger picks a Penn tag per token from word, affix, shape and context features and
//     the two previous tags; frequent unambiguous words take their tag from a dictionary;
//   - the parser is an arc-hybrid transition system (shift, left-arc, right-arc) trained
//     with a dynamic oracle, so it has seen its own mistakes during training;
//   - the labeller names each arc of the finished tree (nsubj, obj, ccomp, …), top down, so
//     that it can look at the head's label and at both words' other dependents.
//
// Features are hashed to uint64 keys and looked up in open-addressing tables (package
// weights); parsing a sentence with a reused Scratch does not allocate.
//
// The models are trained on the Universal Dependencies English Web Treebank (EWT), whose
// licence is CC BY-SA 4.0: the embedded models (model/parse.bin, and model/nominal.bin of
// NominalModel) are derived works shared under the same licence (model/LICENSE-EWT.txt).
// The tagger also learns from the part-of-speech column of CoNLL-2003 (Reuters newswire,
// research use). Retrain with
//
//	go run ./cmd/herald train-parser -ud ../shared/data/ud -conll ../shared/data/ner/conll2003-train.txt -out parse/model/parse.bin
//
// See README.md for the measured accuracy and speed.
package parse
