// Package dict holds Herald's editable rule data: the CAMEO event-code tables
// (names, Goldstein scores, QuadClass, PLOVER types) and a gazetteer of countries,
// demonyms, cities, organisations, office holders and agent/title words with their
// CAMEO actor codes.
//
// The data lives as readable text files in data/, generated from GDELT's CAMEO lookup
// tables and the PETRARCH2/Phoenix dictionaries by ./gen and embedded in the binary, so
// Herald never reads external files at run time unless a user passes their own with Load.
// The gazetteer's files are embedded already parsed, as data/gazetteer.bin (made by
// ./gensnap; a test checks it matches the text files).
package dict

import "embed"

//go:generate go run ./gen -shared ../../shared/data -out data
//go:generate go run ./gensnap -data data -out data/gazetteer.bin

// files holds the CAMEO tables.
//
//go:embed data/cameo.txt
var files embed.FS
