package source

import (
	"context"
	"io"
	"io/fs"
	"path/filepath"
	"strings"
)

// newDirSource walks a directory tree in lexical order and chains a source for every
// file it knows how to read: documents (.txt, .html, .json, …), JSON Lines files and
// WARC files. Feeds and OPML lists are left out, since an .xml file in a directory of
// articles is rarely a feed; name them on the command line instead. Hidden files and
// directories (".git") are skipped. The file list is taken at Open, so files added
// during the walk are not seen; an unreadable subdirectory is a DocError.
func newDirSource(root string, opts Options) (Source, error) {
	var files []string
	var walkErrs []error
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == root {
				return err
			}
			walkErrs = append(walkErrs, &DocError{Ref: path, Err: err})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if path != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		switch kindOfName(path) {
		case KindFile, KindJSONL, KindWARC:
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	i := 0
	return &multi{next: func(ctx context.Context) (Source, error) {
		if len(walkErrs) > 0 {
			e := walkErrs[0]
			walkErrs = walkErrs[1:]
			return nil, e
		}
		if i >= len(files) {
			return nil, io.EOF
		}
		path := files[i]
		i++
		s, err := openFile(path, opts)
		if err != nil {
			return nil, asDocError(err)
		}
		return dirMember{s, root}, nil
	}}, nil
}

// dirMember stamps the directory as the Source of plain files, so a report can group
// them; JSONL and WARC files keep their own file name as the Source.
type dirMember struct {
	Source
	root string
}

func (m dirMember) Next(ctx context.Context) (Document, error) {
	d, err := m.Source.Next(ctx)
	if err == nil && d.Kind == KindFile {
		d.Source = m.root
	}
	return d, err
}
