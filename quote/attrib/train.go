package attrib

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand"
	"slices"
	"sync"
)

// Seq is one training sentence: its tokens and their gold tags.
type Seq struct {
	Toks []Tok
	Gold []int
}

// TrainOptions controls Train.
type TrainOptions struct {
	Iter     int   // passes over the data
	MinCount int   // keep features seen at least this often
	Prune    int16 // drop rows whose largest quantised weight is at most this
	Dev      []Seq // scored after every pass when set
	Log      io.Writer
}

// Train learns a tagger with the averaged structured perceptron.
func Train(seqs []Seq, opt TrainOptions) *Tagger {
	if opt.Iter <= 0 {
		opt.Iter = 8
	}
	// Features per token, as row numbers.
	count := map[uint64]int32{}
	var fs [maxFeat]uint64
	var ts []tokInfo
	for _, s := range seqs {
		ts = grow(ts, len(s.Toks))
		prepare(s.Toks, ts)
		for i := range s.Toks {
			m := features(ts, i, &fs)
			for _, k := range fs[:m] {
				count[k]++
			}
		}
	}
	var keys []uint64
	for k, c := range count {
		if int(c) >= opt.MinCount {
			keys = append(keys, k)
		}
	}
	// Rows in key order, not the map's random order, so that training twice writes the
	// same model file.
	slices.Sort(keys)
	row := make(map[uint64]int32, len(keys))
	for r, k := range keys {
		row[k] = int32(r)
	}
	count = nil
	var feats []int32
	offs := make([][]int32, len(seqs))
	for si, s := range seqs {
		ts = grow(ts, len(s.Toks))
		prepare(s.Toks, ts)
		off := make([]int32, len(s.Toks)+1)
		off[0] = int32(len(feats))
		for i := range s.Toks {
			m := features(ts, i, &fs)
			for _, k := range fs[:m] {
				if r, ok := row[k]; ok {
					feats = append(feats, r)
				}
			}
			off[i+1] = int32(len(feats))
		}
		offs[si] = off
	}
	nr := len(keys)
	w := make([]int32, nr*NTags)
	u := make([]int64, nr*NTags)
	var tw [NTags + 1][NTags]int32
	var tu [NTags + 1][NTags]int64
	c := int64(1)
	order := rand.New(rand.NewSource(1)).Perm(len(seqs))
	var st []int32
	var back []int8
	var pred []int
	for it := 0; it < opt.Iter; it++ {
		errs := 0
		for _, si := range order {
			s := seqs[si]
			n := len(s.Toks)
			if n == 0 {
				continue
			}
			off := offs[si]
			st = grow(st, n*NTags)
			back = grow(back, n*NTags)
			pred = grow(pred, n)
			clear(st[:n*NTags])
			for i := 0; i < n; i++ {
				for _, r := range feats[off[i]:off[i+1]] {
					for k := 0; k < NTags; k++ {
						st[i*NTags+k] += w[int(r)*NTags+k]
					}
				}
			}
			viterbi(n, st[:n*NTags], &tw, back[:n*NTags], pred[:n])
			wrong := false
			for i := 0; i < n; i++ {
				g, p := s.Gold[i], pred[i]
				pg, pp := tagBOS, tagBOS
				if i > 0 {
					pg, pp = s.Gold[i-1], pred[i-1]
				}
				if g != p {
					wrong = true
					for _, r := range feats[off[i]:off[i+1]] {
						w[int(r)*NTags+g]++
						u[int(r)*NTags+g] += c
						w[int(r)*NTags+p]--
						u[int(r)*NTags+p] -= c
					}
				}
				if g != p || pg != pp {
					tw[pg][g]++
					tu[pg][g] += c
					tw[pp][p]--
					tu[pp][p] -= c
				}
			}
			if wrong {
				errs++
			}
			c++
		}
		rand.New(rand.NewSource(int64(it+2))).Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		if opt.Log != nil {
			msg := fmt.Sprintf("pass %d: %d of %d sentences wrong", it+1, errs, len(seqs))
			if len(opt.Dev) > 0 {
				t := finalize(keys, w, u, tw, tu, c, opt.Prune)
				msg += " | held out: " + Evaluate(t, opt.Dev).String()
			}
			fmt.Fprintln(opt.Log, msg)
		}
	}
	return finalize(keys, w, u, tw, tu, c, opt.Prune)
}

func finalize(keys []uint64, w []int32, u []int64, tw [NTags + 1][NTags]int32, tu [NTags + 1][NTags]int64, c int64, prune int16) *Tagger {
	avg := make([]float64, len(w))
	maxAbs := 0.0
	for i := range w {
		avg[i] = float64(w[i]) - float64(u[i])/float64(c)
		maxAbs = math.Max(maxAbs, math.Abs(avg[i]))
	}
	var tavg [NTags + 1][NTags]float64
	for p := range tw {
		for k := range tw[p] {
			tavg[p][k] = float64(tw[p][k]) - float64(tu[p][k])/float64(c)
			maxAbs = math.Max(maxAbs, math.Abs(tavg[p][k]))
		}
	}
	scale := 32000 / math.Max(maxAbs, 1e-9)
	q := func(x float64) int16 { return int16(math.Round(x * scale)) }
	var ks []uint64
	var rows []int16
	for r, k := range keys {
		var row [NTags]int16
		big := int16(0)
		for c := 0; c < NTags; c++ {
			row[c] = q(avg[r*NTags+c])
			if a := row[c]; a > big || -a > big {
				big = max(a, -a)
			}
		}
		if big <= prune {
			continue
		}
		ks = append(ks, k)
		rows = append(rows, row[:]...)
	}
	for p := 0; p <= NTags; p++ {
		ks = append(ks, transKey(p))
		for c := 0; c < NTags; c++ {
			rows = append(rows, q(tavg[p][c]))
		}
	}
	return newTagger(ks, rows)
}

// grow returns s with length n, reusing its array when it is large enough.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// Score counts content spans found exactly and with at least half their tokens shared.
type Score struct{ Gold, Pred, Exact, Half int }

func (s Score) String() string {
	f := func(tp int) float64 {
		if s.Gold+s.Pred == 0 {
			return 0
		}
		return 2 * float64(tp) / float64(s.Gold+s.Pred)
	}
	return fmt.Sprintf("content spans: %d gold, %d predicted, exact F1 %.3f, half-overlap F1 %.3f", s.Gold, s.Pred, f(s.Exact), f(s.Half))
}

// Spans returns the [lo,hi) token ranges tagged B-X/I-X for the B tag b.
func Spans(tags []int, b int) [][2]int {
	var out [][2]int
	for i := 0; i < len(tags); i++ {
		if tags[i] != b {
			continue
		}
		j := i + 1
		for j < len(tags) && tags[j] == b+1 {
			j++
		}
		out = append(out, [2]int{i, j})
		i = j - 1
	}
	return out
}

// Evaluate scores t's content spans on seqs.
func Evaluate(t *Tagger, seqs []Seq) Score {
	var s Score
	var out []int
	for _, q := range seqs {
		out = grow(out, len(q.Toks))
		t.Tag(q.Toks, out)
		g, p := Spans(q.Gold, BCon), Spans(out, BCon)
		s.Gold += len(g)
		s.Pred += len(p)
		for _, a := range g {
			for _, b := range p {
				if a == b {
					s.Exact++
				}
				o := min(a[1], b[1]) - max(a[0], b[0])
				if 2*o >= a[1]-a[0] && 2*o >= b[1]-b[0] {
					s.Half++
					break
				}
			}
		}
	}
	return s
}

const modelMagic = "HERALD-ATTRIB-1\n"

// Save writes the model: gzip of the magic, the row count (uint32), the feature keys
// (uint64 each), then NTags int16 weights per row, all little-endian.
func (t *Tagger) Save(w io.Writer) error {
	zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	bw.WriteString(modelMagic)
	binary.Write(bw, binary.LittleEndian, uint32(len(t.keys)))
	binary.Write(bw, binary.LittleEndian, t.keys)
	binary.Write(bw, binary.LittleEndian, t.rows)
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// maxRows bounds the row count Load accepts, so a corrupt header cannot ask for gigabytes.
const maxRows = 1 << 20

// Load reads a model written by Save.
func Load(r io.Reader) (*Tagger, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("attrib: load: %w", err)
	}
	br := bufio.NewReader(zr)
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != modelMagic {
		return nil, errors.New("attrib: load: not an attribution model")
	}
	var n uint32
	if err := binary.Read(br, binary.LittleEndian, &n); err != nil {
		return nil, fmt.Errorf("attrib: load: %w", err)
	}
	if n > maxRows {
		return nil, fmt.Errorf("attrib: load: %d rows, more than %d", n, maxRows)
	}
	keys := make([]uint64, n)
	rows := make([]int16, int(n)*NTags)
	if err := binary.Read(br, binary.LittleEndian, keys); err != nil {
		return nil, fmt.Errorf("attrib: load: %w", err)
	}
	if err := binary.Read(br, binary.LittleEndian, rows); err != nil {
		return nil, fmt.Errorf("attrib: load: %w", err)
	}
	return newTagger(keys, rows), nil
}

//go:embed model/attrib.bin.gz
var embedded []byte

var (
	defOnce sync.Once
	def     *Tagger
)

// Default returns the model built into the binary, loaded on first use, or nil when the
// embedded model is empty (a build without one).
func Default() *Tagger {
	defOnce.Do(func() {
		if len(embedded) == 0 {
			return
		}
		t, err := Load(bytes.NewReader(embedded))
		if err != nil {
			panic("attrib: embedded model: " + err.Error())
		}
		def = t
	})
	return def
}
