package queue

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/heraldnews/herald/extract"
	"github.com/heraldnews/herald/queue/queuetest"
	"github.com/heraldnews/herald/source"
	"github.com/heraldnews/herald/store"
	"github.com/heraldnews/herald/store/sqlite"
)

var (
	pipeOnce sync.Once
	pipe     *extract.Pipeline
	pipeErr  error
)

func pipeline(t testing.TB) *extract.Pipeline {
	t.Helper()
	pipeOnce.Do(func() { pipe, pipeErr = extract.New(extract.Options{}) })
	if pipeErr != nil {
		t.Fatal(pipeErr)
	}
	return pipe
}

// docs makes n distinct made-up articles of about paras paragraphs; even ones carry a
// URL (JSON documents, identity = canonical URL), odd ones are plain text (identity =
// hash).
func docs(n, paras int) []source.Document {
	places := []string{"Lima", "Nairobi", "Oslo", "Hanoi", "Quito", "Accra", "Riga", "Tunis", "Dhaka", "Sofia"}
	out := make([]source.Document, n)
	for i := range out {
		p, q := places[i%len(places)], places[(i+3)%len(places)]
		var b bytes.Buffer
		fmt.Fprintf(&b, "Council %d Approves Budget in %s\n", i, p)
		for k := range paras {
			fmt.Fprintf(&b, "The city council of %s approved budget number %d-%d on Monday after %d hours of debate, officials said. "+
				"Mayor Ana Berg%d said the plan would fund %d new schools. The government of %s criticized the plan and threatened to withdraw its ambassador. "+
				"\"We will not accept this,\" said Foreign Minister Tomas Lind%d.\n\n", p, i, k, i%9+2, i, k+3, q, i)
		}
		d := source.Document{Source: "test", Kind: source.KindFile, Ref: fmt.Sprintf("doc%d", i)}
		if i%2 == 0 {
			url := fmt.Sprintf("https://news.example.org/%s/budget-%d?utm_source=x", p, i)
			d.Input = extract.Input{Path: d.Ref + ".json", URL: url, Format: extract.FormatJSON,
				Data: fmt.Appendf(nil, `{"url":%q,"title":"Budget %d","text":%q}`, url, i, b.String())}
			d.Kind = source.KindJSONL
		} else {
			d.Input = extract.Input{Path: d.Ref + ".txt", Format: extract.FormatText, Data: b.Bytes()}
		}
		out[i] = d
	}
	return out
}

type env struct {
	js   jetstream.JetStream
	nc   *nats.Conn
	cons jetstream.Consumer
	cfg  Config
}

func setup(t testing.TB, cfg Config) *env {
	t.Helper()
	url := queuetest.StartServer(t)
	nc, err := nats.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := EnsureStream(ctx, js, cfg); err != nil {
		t.Fatal(err)
	}
	cons, err := EnsureConsumer(ctx, js, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return &env{js: js, nc: nc, cons: cons, cfg: cfg}
}

func publishAll(t testing.TB, js jetstream.JetStream, ds []source.Document) (published, dups int) {
	t.Helper()
	for _, d := range ds {
		err := Publish(context.Background(), js, d)
		switch {
		case errors.Is(err, ErrDuplicate):
			dups++
		case err != nil:
			t.Fatal(err)
		default:
			published++
		}
	}
	return published, dups
}

func openStore(t testing.TB, path string) store.Store {
	t.Helper()
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// runWorkers runs the workers until their stores report want articles stored and
// terminated documents account for the rest, or the deadline passes.
func runWorkers(t testing.TB, ws []*Worker, done func() bool) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	errs := make([]error, len(ws))
	for i, w := range ws {
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = w.Run(ctx) }()
	}
	deadline := time.Now().Add(60 * time.Second)
	for !done() && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("worker %d: %v", i, err)
		}
	}
}

func articles(t testing.TB, s store.Store) int64 {
	t.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st.Articles
}

func newWorker(t testing.TB, s store.Store, cons jetstream.Consumer, batch int) *Worker {
	return &Worker{Store: s, Pipeline: pipeline(t), Consumer: cons, BatchSize: batch, Concurrency: 1,
		FetchWait: 200 * time.Millisecond, Log: t.Logf}
}

func TestQueueMaxPayloadFitsDocuments(t *testing.T) {
	if queuetest.MaxPayload < MaxMessageBytes {
		t.Fatalf("test server max_payload %d < MaxMessageBytes %d", queuetest.MaxPayload, MaxMessageBytes)
	}
}

// TestQueueTwoWorkers runs two workers, each with its own connection to one SQLite file,
// on one consumer: every article is stored once and both did some of the work. Publishing
// the same documents again is dropped by JetStream as duplicates.
func TestQueueTwoWorkers(t *testing.T) {
	e := setup(t, Config{})
	const n = 60
	ds := docs(n, 2)
	if pub, dup := publishAll(t, e.js, ds); pub != n || dup != 0 {
		t.Fatalf("published %d, duplicates %d; want %d, 0", pub, dup, n)
	}
	db := filepath.Join(t.TempDir(), "herald.db")
	s1, s2 := openStore(t, db), openStore(t, db)
	w1, w2 := newWorker(t, s1, e.cons, 4), newWorker(t, s2, e.cons, 4)
	runWorkers(t, []*Worker{w1, w2}, func() bool { return w1.Stats().New+w2.Stats().New >= n })
	st1, st2 := w1.Stats(), w2.Stats()
	t.Logf("worker 1: %v\nworker 2: %v", st1, st2)
	if got := articles(t, s1); got != n {
		t.Errorf("store has %d articles, want %d", got, n)
	}
	if st1.New+st2.New != n || st1.Failed+st2.Failed != 0 {
		t.Errorf("new %d+%d, failed %d+%d; want %d new, 0 failed", st1.New, st2.New, st1.Failed, st2.Failed, n)
	}
	if st1.New == 0 || st2.New == 0 {
		t.Errorf("work not split: worker 1 stored %d, worker 2 %d", st1.New, st2.New)
	}
	for _, d := range ds {
		if u, ok := store.CanonicalURL(d.Input.URL); ok {
			if has, _ := s1.Has(context.Background(), u); !has {
				t.Errorf("%s not stored", u)
			}
		}
	}
	// The same documents again: the duplicate window drops every one.
	if pub, dup := publishAll(t, e.js, ds); pub != 0 || dup != n {
		t.Errorf("republished %d, duplicates %d; want 0, %d", pub, dup, n)
	}
	info, err := e.js.Stream(context.Background(), DefaultStream)
	if err != nil {
		t.Fatal(err)
	}
	if msgs := info.CachedInfo().State.Msgs; msgs != 0 {
		t.Errorf("stream holds %d messages after all were acknowledged and duplicates dropped", msgs)
	}
}

// TestWorkerDiesBeforeAck abandons a worker's batch after the store committed it and
// before the acknowledgement, as a worker killed at that moment would; another worker
// gets the batch again after AckWait and the store still holds every article once.
func TestWorkerDiesBeforeAck(t *testing.T) {
	e := setup(t, Config{AckWait: time.Second})
	const n = 24
	publishAll(t, e.js, docs(n, 1))
	db := filepath.Join(t.TempDir(), "herald.db")
	dying := newWorker(t, openStore(t, db), e.cons, 8)
	dying.afterStore = func() bool { return true }
	if err := dying.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	s := openStore(t, db)
	if got := articles(t, s); got != 8 {
		t.Fatalf("dying worker stored %d articles before dying, want 8", got)
	}
	w := newWorker(t, s, e.cons, 8)
	runWorkers(t, []*Worker{w}, func() bool { st := w.Stats(); return st.New+st.Duplicates >= n })
	st := w.Stats()
	t.Logf("survivor: %v", st)
	if got := articles(t, s); got != n {
		t.Errorf("store has %d articles, want %d", got, n)
	}
	if st.Redelivered != 8 || st.Duplicates != 8 || st.New != n-8 {
		t.Errorf("survivor: %v; want 8 redelivered and already stored, %d new", st, n-8)
	}
}

// TestWorkerCancelFinishesBatch cancels a worker while it holds a batch: the batch is
// stored and acknowledged before Run returns, so nothing waits for redelivery.
func TestWorkerCancelFinishesBatch(t *testing.T) {
	e := setup(t, Config{AckWait: time.Minute})
	publishAll(t, e.js, docs(10, 1))
	s := openStore(t, filepath.Join(t.TempDir(), "herald.db"))
	w := newWorker(t, s, e.cons, 5)
	ctx, cancel := context.WithCancel(context.Background())
	// Cancel from inside the first batch, between store and ack.
	w.afterStore = func() bool { cancel(); return false }
	if err := w.Run(ctx); err != nil {
		t.Fatal(err)
	}
	if st := w.Stats(); st.New != 5 || st.Batches != 1 {
		t.Errorf("after cancel: %v; want one batch of 5 stored", st)
	}
	// Acks are fire-and-forget messages; give the server a moment to apply them.
	var ci *jetstream.ConsumerInfo
	for range 50 {
		var err error
		if ci, err = e.cons.Info(context.Background()); err != nil {
			t.Fatal(err)
		}
		if ci.NumAckPending == 0 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if ci.NumAckPending != 0 || ci.NumPending != 5 {
		t.Errorf("consumer: %d awaiting ack, %d pending; want 0 and 5", ci.NumAckPending, ci.NumPending)
	}
}

// TestWorkerTermsBadDocuments: a message that does not decode and a document the pipeline
// refuses are terminated with a reason, counted, and not redelivered; the rest is stored.
func TestWorkerTermsBadDocuments(t *testing.T) {
	e := setup(t, Config{AckWait: time.Second})
	ds := docs(4, 1)
	publishAll(t, e.js, ds)
	if _, err := e.js.Publish(context.Background(), DefaultSubject, []byte("no header")); err != nil {
		t.Fatal(err)
	}
	big := source.Document{Ref: "big", Input: extract.Input{Format: extract.FormatText, Data: bytes.Repeat([]byte("word "), 4000)}}
	if err := Publish(context.Background(), e.js, big); err != nil {
		t.Fatal(err)
	}
	small, err := extract.New(extract.Options{MaxBytes: 10000})
	if err != nil {
		t.Fatal(err)
	}
	s := openStore(t, filepath.Join(t.TempDir(), "herald.db"))
	w := newWorker(t, s, e.cons, 8)
	w.Pipeline = small
	// Run well past AckWait: a terminated message must not come back.
	start := time.Now()
	runWorkers(t, []*Worker{w}, func() bool { return time.Since(start) > 2500*time.Millisecond })
	st := w.Stats()
	t.Logf("%v %v", st, st.Reasons)
	if st.New != 4 || st.Failed != 2 || st.Received != 6 || st.Reasons["too large"] != 1 {
		t.Errorf("got %v %v; want 4 new, 2 failed (one too large), 6 received", st, st.Reasons)
	}
}

// TestQueueLargeDocument publishes a document over NATS's default 1 MB max_payload and
// reads it back intact.
func TestQueueLargeDocument(t *testing.T) {
	e := setup(t, Config{})
	d := source.Document{Source: "s", Kind: source.KindFile, Ref: "big.txt",
		Input: extract.Input{Path: "big.txt", URL: "http://Example.org:80/big#x", Format: extract.FormatText,
			Data: bytes.Repeat([]byte("A long story.\n"), 3<<20/14)}}
	if err := Publish(context.Background(), e.js, d); err != nil {
		t.Fatal(err)
	}
	str, err := e.js.Stream(context.Background(), DefaultStream)
	if err != nil {
		t.Fatal(err)
	}
	m, err := str.GetMsg(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if id := m.Header.Get(jetstream.MsgIDHeader); id != "http://example.org/big" {
		t.Errorf("message id %q, want the canonical URL", id)
	}
	got, err := Decode(m.Header, m.Data)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Input.Data, d.Input.Data) || got.Input.URL != d.Input.URL || got.Ref != d.Ref ||
		got.Source != d.Source || got.Kind != d.Kind || got.Input.Format != d.Input.Format || got.Input.Path != d.Input.Path {
		t.Errorf("document changed on the way: %+v", got.Input.Path)
	}
	over := d
	over.Input.Data = make([]byte, queuetest.MaxPayload)
	if err := Publish(context.Background(), e.js, over); !errors.Is(err, source.ErrTooLarge) {
		t.Errorf("oversized publish: %v, want ErrTooLarge", err)
	}
}
