package source

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/heraldnews/herald/extract"
)

// jsonLine is one JSON Lines record, the same object extract reads as a JSON document.
type jsonLine struct {
	URL       string `json:"url"`
	Title     string `json:"title"`
	Text      string `json:"text"`
	HTML      string `json:"html"`
	Published string `json:"published"`
}

// jsonlSource yields one document per line of a JSON Lines file ({"url","title","text"
// or "html","published"}). A malformed, empty-bodied or over-long line is a DocError
// naming its line number; blank lines are skipped. A .gz file is read through gzip;
// damage there is fatal, since a gzip stream cannot be resumed mid-member.
type jsonlSource struct {
	name     string
	r        io.Reader
	br       *bufio.Reader
	closers  []io.Closer
	line     int
	maxBytes int64
}

func openJSONL(path string, opts Options) (Source, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	s := &jsonlSource{name: path, maxBytes: opts.maxBytes(), closers: []io.Closer{f}}
	var r io.Reader = f
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		r = zr
		s.closers = append(s.closers, zr)
	}
	s.br = bufio.NewReaderSize(r, 64<<10)
	return s, nil
}

// newJSONLReader reads JSON Lines from r, naming documents after name; for tests and
// fuzzing, and for callers with a stream such as standard input.
func newJSONLReader(name string, r io.Reader, opts Options) *jsonlSource {
	return &jsonlSource{name: name, br: bufio.NewReaderSize(r, 64<<10), maxBytes: opts.maxBytes()}
}

func (s *jsonlSource) Next(ctx context.Context) (Document, error) {
	for {
		if err := ctx.Err(); err != nil {
			return Document{}, err
		}
		data, tooLong, err := readLine(s.br, s.maxBytes)
		if err != nil && err != io.EOF {
			return Document{}, &sourceError{ref: s.ref(s.line + 1), err: err}
		}
		if err == io.EOF && len(data) == 0 && !tooLong {
			return Document{}, io.EOF
		}
		s.line++
		ref := s.ref(s.line)
		if tooLong {
			return Document{}, &DocError{Ref: ref, Err: fmt.Errorf("%w: line over %d bytes", ErrTooLarge, s.maxBytes)}
		}
		data = bytes.TrimSpace(data)
		if len(data) == 0 {
			continue
		}
		var j jsonLine
		if err := json.Unmarshal(data, &j); err != nil {
			return Document{}, &DocError{Ref: ref, Err: jsonLineError(err)}
		}
		if strings.TrimSpace(j.Text) == "" && strings.TrimSpace(j.HTML) == "" {
			return Document{}, &DocError{Ref: ref, Err: errors.New(`no "text" or "html"`)}
		}
		return Document{
			Input: extract.Input{
				Path:   ref,
				URL:    j.URL,
				Format: extract.FormatJSON,
				Data:   bytes.Clone(data),
			},
			Source: s.name,
			Kind:   KindJSONL,
			Ref:    ref,
		}, nil
	}
}

// jsonLineError explains a line json.Unmarshal refused in JSON's terms: its type errors
// name Go types ("cannot unmarshal array into Go value of type source.jsonLine").
func jsonLineError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		if te.Field == "" {
			return fmt.Errorf("malformed JSON line: a JSON %s, not an object", te.Value)
		}
		return fmt.Errorf("malformed JSON line: %q is a JSON %s, not a string", te.Field, te.Value)
	}
	return fmt.Errorf("malformed JSON line: %w", err)
}

func (s *jsonlSource) ref(line int) string { return s.name + ":" + strconv.Itoa(line) }

func (s *jsonlSource) Close() error {
	var errs []error
	for i := len(s.closers) - 1; i >= 0; i-- {
		errs = append(errs, s.closers[i].Close())
	}
	s.closers = nil
	return errors.Join(errs...)
}

// readLine reads up to and without the next newline. A line longer than limit is read
// to its end and dropped (tooLong), so memory stays bounded and the next line is found.
// The returned slice may point into the reader's buffer until the next call.
func readLine(br *bufio.Reader, limit int64) (line []byte, tooLong bool, err error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			switch {
			case int64(len(buf)+len(chunk)) > limit+1: // +1 for the newline
				tooLong, buf = true, nil
			case buf == nil && err != bufio.ErrBufferFull:
				line = bytes.TrimSuffix(chunk, []byte("\n"))
				if int64(len(line)) > limit {
					return nil, true, err
				}
				return line, false, err // the common case: no copy
			default:
				buf = append(buf, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if tooLong {
			return nil, true, err
		}
		line = bytes.TrimSuffix(buf, []byte("\n"))
		if int64(len(line)) > limit {
			return nil, true, err
		}
		return line, false, err
	}
}
