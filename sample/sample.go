// Package sample holds Herald's built-in sample articles, written for Herald (the people
// are invented), so that `herald extract --sample` runs the whole article pipeline with no
// input at hand. The files also serve as end-to-end fixtures in tests.
package sample

import (
	"embed"
	"io/fs"
	"sort"
)

//go:embed articles/*.txt
var files embed.FS

// Article is one sample document.
type Article struct {
	Name string // file name, e.g. "01-chile-peru-border.txt"
	Data []byte
}

// Articles returns the sample articles in name order.
func Articles() []Article {
	names, _ := fs.Glob(files, "articles/*.txt")
	sort.Strings(names)
	out := make([]Article, 0, len(names))
	for _, n := range names {
		data, _ := files.ReadFile(n)
		out = append(out, Article{Name: "sample/" + n[len("articles/"):], Data: data})
	}
	return out
}
