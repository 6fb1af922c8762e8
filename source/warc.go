package source

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http/httputil"
	"os"
	"strconv"
	"strings"
	"sync"

	"github.com/heraldnews/herald/extract"
	"github.com/nlnwa/gowarc/v3"
)

// warcSource yields the HTML responses of a WARC file (.warc or per-record gzipped
// .warc.gz, as Common Crawl's CC-NEWS is written). Only `response` records whose HTTP
// status is 2xx and whose Content-Type is HTML become documents, with the record's
// WARC-Target-URI as their URL; other records are skipped silently, as they are not
// articles. A damaged record (corrupt gzip member, truncated block) is a DocError,
// and reading resumes at the next record or gzip member that gowarc finds by scanning
// forward; if a read makes no progress the file stops with an error that says how
// many records were read.
//
// gowarc buffers each record's block to check its digest before handing it out: in
// memory up to MaxBytes, in a temporary file beyond, so a huge non-HTML record costs
// disk, not memory.
type warcSource struct {
	path     string
	r        *gowarc.WarcFileReader
	maxBytes int64
	records  int   // records read, of any type
	end      int64 // file offset after the last read
	stuck    int   // consecutive reads that failed without moving forward
}

func openWARC(path string, opts Options) (Source, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	s, err := newWARCStream(path, f, opts)
	if err != nil {
		f.Close()
		return nil, err
	}
	return s, nil
}

// newWARCStream reads a WARC file from f, which it closes on Close if f is an
// io.Closer.
func newWARCStream(name string, f io.ReadSeeker, opts Options) (*warcSource, error) {
	var r io.Reader = f
	whole := wholeFileGzip(f)
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	if whole {
		// gowarc reads one record per gzip member and drains the rest of the member,
		// which would silently drop every record after the first of a file gzipped as
		// a whole (`gzip x.warc`, against the spec but common). Such a file is read as
		// one decompressed stream instead: offsets are then uncompressed positions,
		// and damage in the stream ends the file.
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		rc := readCloser{Reader: zr}
		if c, ok := f.(io.Closer); ok {
			rc.Closer = c
		}
		r = rc
	}
	return newWARCReader(name, r, opts)
}

// wholeFileGzip reports whether a gzip file's first member holds more than one WARC
// record, or more than firstMemberCap bytes, which a per-record file's first member
// (a warcinfo record, usually) does not. It leaves f at an unknown offset.
func wholeFileGzip(f io.Reader) bool {
	const firstMemberCap = 4 << 20
	br := bufio.NewReader(f)
	if head, _ := br.Peek(2); len(head) < 2 || head[0] != 0x1f || head[1] != 0x8b {
		return false
	}
	zr, err := gzip.NewReader(br)
	if err != nil {
		return false
	}
	zr.Multistream(false)
	data, err := io.ReadAll(io.LimitReader(zr, firstMemberCap+1))
	if len(data) > firstMemberCap {
		return true
	}
	// A damaged member counts too, by what it held before the damage.
	_ = err
	return bytes.Contains(data[min(len(data), 5):], []byte("\nWARC/1."))
}

type readCloser struct {
	io.Reader
	io.Closer
}

func (r readCloser) Close() error {
	if r.Closer == nil {
		return nil
	}
	return r.Closer.Close()
}

// warcOpen serializes gowarc's reader constructor: it sets a global of
// github.com/google/uuid (uuid.EnableRandPool) unsynchronized, so WARC sources opened at
// once raced (go test -race on TestWARC and TestOpenFiles).
var warcOpen sync.Mutex

// newWARCReader reads WARC records from r, naming documents after name.
func newWARCReader(name string, r io.Reader, opts Options) (*warcSource, error) {
	max := opts.maxBytes()
	warcOpen.Lock()
	defer warcOpen.Unlock()
	wr, err := gowarc.NewWarcFileReaderFromStream(r, 0,
		// Warn, not fail, on syntax and spec problems: records in the wild bend the
		// spec, and a warning still yields the record. Warn on spec also makes gowarc
		// keep (cache) the block, which it would otherwise discard after the digest.
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn),
		gowarc.WithSpecViolationPolicy(gowarc.ErrWarn),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
		gowarc.WithBlockErrorPolicy(gowarc.ErrIgnore),
		gowarc.WithBufferMaxMemBytes(max+1),
	)
	if err != nil {
		return nil, err
	}
	return &warcSource{path: name, r: wr, maxBytes: max}, nil
}

func (s *warcSource) Next(ctx context.Context) (Document, error) {
	for {
		if err := ctx.Err(); err != nil {
			return Document{}, err
		}
		rec, err := s.r.Next()
		if err == io.EOF {
			if rec.WarcRecord != nil {
				rec.Close()
			}
			return Document{}, io.EOF
		}
		end := rec.Offset + rec.Size
		if err != nil {
			if rec.WarcRecord != nil {
				rec.Close()
			}
			if end <= s.end {
				s.stuck++
			} else {
				s.stuck = 0
			}
			s.end = max(s.end, end)
			if s.stuck > 1 {
				return Document{}, &sourceError{ref: s.path, err: fmt.Errorf("cannot resume after offset %d (%d records read): %w", s.end, s.records, err)}
			}
			if errors.Is(err, gowarc.ErrNoRecord) {
				// Trailing bytes with no record in them: report once, then the file ends.
				return Document{}, &DocError{Ref: s.ref(rec.Offset), Err: err}
			}
			return Document{}, &DocError{Ref: s.ref(rec.Offset), Err: fmt.Errorf("damaged record: %w", err)}
		}
		s.end, s.stuck = end, 0
		s.records++
		if rec.WarcRecord != nil && !rec.WarcRecord.WarcHeader().Has(gowarc.ContentLength) {
			// The header ended early: the file was cut inside it (gowarc reads such a
			// record with an empty block), or the record is not WARC at all.
			rec.Close()
			return Document{}, &DocError{Ref: s.ref(rec.Offset), Err: errors.New("truncated record: header without Content-Length")}
		}
		if err := truncated(rec.Validation); err != nil {
			rec.Close()
			return Document{}, &DocError{Ref: s.ref(rec.Offset), Err: fmt.Errorf("truncated record: %w", err)}
		}
		doc, ok, err := s.document(rec)
		rec.Close()
		if err != nil {
			return Document{}, &DocError{Ref: s.ref(rec.Offset), Err: err}
		}
		if ok {
			return doc, nil
		}
	}
}

func (s *warcSource) ref(offset int64) string { return s.path + "@" + strconv.FormatInt(offset, 10) }

// document turns an HTML response record into a document; ok is false for records
// that are not article candidates.
func (s *warcSource) document(rec gowarc.Record) (doc Document, ok bool, err error) {
	wr := rec.WarcRecord
	if wr == nil || wr.Type() != gowarc.Response {
		return doc, false, nil
	}
	block, isHTTP := wr.Block().(gowarc.HttpResponseBlock)
	if !isHTTP {
		return doc, false, nil
	}
	if c := block.HttpStatusCode(); c < 200 || c > 299 {
		return doc, false, nil
	}
	h := block.HttpHeader()
	if h == nil {
		return doc, false, nil
	}
	mt, params, _ := mime.ParseMediaType(h.Get("Content-Type"))
	mt = strings.ToLower(mt)
	if mt != "text/html" && mt != "application/xhtml+xml" {
		return doc, false, nil
	}
	target := targetURI(rec)
	payload, err := block.PayloadBytes()
	if err != nil {
		return doc, false, err
	}
	body, err := decodeBody(payload, rawHeader(block.ProtocolHeaderBytes(), "Transfer-Encoding"), h.Get("Content-Encoding"), s.maxBytes)
	if err != nil {
		return doc, false, err
	}
	ref := s.ref(rec.Offset)
	return Document{
		Input: extract.Input{
			Path:   ref,
			URL:    target,
			Format: extract.FormatHTML,
			Data:   toUTF8(body, params["charset"]),
		},
		Source: s.path,
		Kind:   KindWARC,
		Ref:    ref,
	}, true, nil
}

// decodeBody undoes what a WARC keeps of the transfer: a chunked body and gzip or
// deflate content coding (Common Crawl removes both and renames the headers, but
// other crawlers store the bytes as they came). At most limit bytes are kept.
func decodeBody(r io.Reader, transferEncoding, contentEncoding string, limit int64) ([]byte, error) {
	if strings.EqualFold(strings.TrimSpace(transferEncoding), "chunked") {
		r = httputil.NewChunkedReader(bufio.NewReader(r))
	}
	switch ce := strings.ToLower(strings.TrimSpace(contentEncoding)); ce {
	case "", "identity", "none", "utf-8":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, fmt.Errorf("content-encoding gzip: %w", err)
		}
		defer zr.Close()
		r = zr
	case "deflate":
		fr := flate.NewReader(r)
		defer fr.Close()
		r = fr
	default:
		return nil, fmt.Errorf("unsupported content-encoding %q", ce)
	}
	body, err := readLimited(r, limit, 0)
	if err != nil {
		return nil, err
	}
	if isBinary(body) {
		return nil, ErrBinary
	}
	return body, nil
}

// Close closes the reader, and with it the file: gowarc closes a stream that is an
// io.Closer.
func (s *warcSource) Close() error {
	if s.r == nil {
		return nil
	}
	err := s.r.Close()
	s.r = nil
	return err
}

// truncated returns the validation finding that says a record's block is shorter than
// its Content-Length: the file ended or was cut inside it, and the document would be
// a fragment.
func truncated(validation []error) error {
	for _, v := range validation {
		var cl *gowarc.ContentLengthError
		if errors.As(v, &cl) && cl.Actual < cl.Expected {
			return v
		}
	}
	return nil
}

// targetURI returns the record's WARC-Target-URI. gowarc blanks a value its WHATWG
// parser rejects, such as WARC 1.0's "<http://…>" form that wget writes; the raw value
// survives only in the validation message, so it is taken from there.
func targetURI(rec gowarc.Record) string {
	if u := strings.TrimSpace(rec.WarcRecord.WarcHeader().Get(gowarc.WarcTargetURI)); u != "" {
		return strings.Trim(u, "<>")
	}
	for _, v := range rec.Validation {
		var hf *gowarc.HeaderFieldError
		if !errors.As(v, &hf) || hf.FieldName != gowarc.WarcTargetURI {
			continue
		}
		const marker = "Url: '"
		if i := strings.LastIndex(hf.Msg, marker); i >= 0 {
			u := strings.TrimSuffix(hf.Msg[i+len(marker):], "'")
			return strings.Trim(strings.TrimSpace(u), "<>")
		}
	}
	return ""
}

// rawHeader finds a header in an HTTP header block as recorded. gowarc's parsed
// http.Header drops Transfer-Encoding, as net/http does, but the recorded bytes keep it.
func rawHeader(block []byte, name string) string {
	for _, line := range bytes.Split(block, []byte("\n")) {
		k, v, ok := bytes.Cut(line, []byte(":"))
		if ok && strings.EqualFold(string(bytes.TrimSpace(k)), name) {
			return string(bytes.TrimSpace(v))
		}
	}
	return ""
}
