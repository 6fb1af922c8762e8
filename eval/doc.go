// Package eval holds the scorers behind `herald eval`: each reads a development gold set
// (CoNLL-2003 entities, web-page bodies, PolNeAR attributions, PLOVER events, near-duplicate
// clusters) at run time, scores Herald's output against it and reports precision, recall
// and F1 the way the reference scorers in shared/eval do, so the two can be compared.
// ScoreCleaning needs no gold: it corrupts clean articles as scrapers do and checks that
// cleaning undoes exactly that.
package eval
