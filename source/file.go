package source

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/heraldnews/herald/extract"
)

// fileSource yields one file as one document. A file that is binary or over the size
// limit is a DocError, not a fatal error, so a directory walk counts it and goes on.
type fileSource struct {
	path     string
	maxBytes int64
	done     bool
	data     []byte // the file's bytes when read already (read is true)
	read     bool
}

func newFileSource(path string, opts Options) *fileSource {
	return &fileSource{path: path, maxBytes: opts.maxBytes()}
}

func (s *fileSource) Next(ctx context.Context) (Document, error) {
	if err := ctx.Err(); err != nil {
		return Document{}, err
	}
	if s.done {
		return Document{}, io.EOF
	}
	s.done = true
	data := s.data
	if !s.read {
		var err error
		if data, err = readFile(s.path, s.maxBytes); err != nil {
			return Document{}, &DocError{Ref: s.path, Err: err}
		}
	}
	s.data = nil // the document owns the bytes now
	return Document{
		Input:  inputForFile(s.path, data),
		Source: s.path,
		Kind:   KindFile,
		Ref:    s.path,
	}, nil
}

func (s *fileSource) Close() error { return nil }

// inputForFile leaves the format to extract, which decides from the name and bytes.
func inputForFile(path string, data []byte) (in extract.Input) {
	in.Path, in.Data = path, data
	return in
}

// readFile reads a whole document file under the limit and refuses binary content.
func readFile(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// Stat first so a huge file is refused without reading it.
	var size int64
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		if size = fi.Size(); size > limit {
			return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, size, limit)
		}
	}
	data, err := readLimited(f, limit, size)
	if err != nil {
		return nil, err
	}
	if isBinary(data) {
		return nil, ErrBinary
	}
	return data, nil
}
