package queue

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/heraldnews/herald/article"
	"github.com/heraldnews/herald/extract"
	"github.com/heraldnews/herald/source"
	"github.com/heraldnews/herald/store"
)

// Worker pulls documents from a shared durable consumer, extracts them and stores the
// articles, a batch at a time. See the package documentation for the delivery contract.
type Worker struct {
	Store    store.Store
	Pipeline *extract.Pipeline
	Consumer jetstream.Consumer
	// BatchSize is how many messages one fetch asks for; they are stored in one
	// transaction. 0 means 32.
	BatchSize int
	// Concurrency is how many documents of a batch are extracted at once; 0 means
	// GOMAXPROCS. Run several processes on several machines rather than raising it past
	// the cores of one.
	Concurrency int
	// FetchWait is how long one fetch waits for messages when the stream is empty; it also
	// bounds how long Run takes to notice its context is done. 0 means 1s.
	FetchWait time.Duration
	// Log receives one line per failed document and per transient trouble; nil discards.
	Log func(format string, args ...any)

	mu    sync.Mutex
	stats Stats
	// afterStore, when set (by tests), runs after the store committed a batch and before
	// it is acknowledged; returning true abandons the batch unacknowledged and stops Run,
	// as a worker killed at that moment would.
	afterStore func() bool
}

// Stats counts what a Worker did.
type Stats struct {
	Received    int            // messages taken from the consumer, redeliveries included
	Redelivered int            // of those, ones delivered before (a worker died or failed)
	New         int            // articles stored for the first time
	Duplicates  int            // documents whose article was already stored
	Failed      int            // documents terminated, with reasons below
	Reasons     map[string]int // failure reason -> count
	Batches     int            // batches committed and acknowledged
}

// Stats returns a copy of the counts so far.
func (w *Worker) Stats() Stats {
	w.mu.Lock()
	defer w.mu.Unlock()
	s := w.stats
	s.Reasons = maps.Clone(s.Reasons)
	return s
}

func (w *Worker) count(f func(s *Stats)) {
	w.mu.Lock()
	f(&w.stats)
	w.mu.Unlock()
}

func (w *Worker) logf(format string, args ...any) {
	if w.Log != nil {
		w.Log(format, args...)
	}
}

// errAbandoned stops Run from the afterStore hook.
var errAbandoned = errors.New("queue: batch abandoned")

// Run works until ctx is done, then finishes and acknowledges the batch in hand and
// returns nil. It returns an error only when the connection is closed or the consumer is
// gone; failed documents and a failing store are counted, logged and redelivered.
func (w *Worker) Run(ctx context.Context) error {
	size := w.BatchSize
	if size <= 0 {
		size = 32
	}
	wait := w.FetchWait
	if wait <= 0 {
		wait = time.Second
	}
	// The consumer's settings decide when a failure is final and how often to tell the
	// server a long batch is still in progress.
	maxDeliver, ackWait := DefaultMaxDeliver, DefaultAckWait
	if info := w.Consumer.CachedInfo(); info != nil {
		if info.Config.MaxDeliver > 0 {
			maxDeliver = info.Config.MaxDeliver
		}
		if info.Config.AckWait > 0 {
			ackWait = info.Config.AckWait
		}
	}
	backoff := time.Duration(0)
	for ctx.Err() == nil {
		// Fetch does not watch ctx; FetchWait bounds the time it blocks, so shutdown
		// takes at most that long when the stream is idle.
		b, err := w.Consumer.Fetch(size, jetstream.FetchMaxWait(wait))
		if err != nil {
			if errors.Is(err, nats.ErrConnectionClosed) || errors.Is(err, jetstream.ErrConsumerNotFound) ||
				errors.Is(err, jetstream.ErrConsumerDeleted) {
				return err
			}
			w.logf("fetch: %v", err)
			sleep(ctx, time.Second)
			continue
		}
		var msgs []jetstream.Msg
		for m := range b.Messages() {
			msgs = append(msgs, m)
		}
		if err := b.Error(); err != nil && !errors.Is(err, nats.ErrTimeout) {
			if errors.Is(err, nats.ErrConnectionClosed) {
				return err
			}
			w.logf("fetch: %v", err)
		}
		if len(msgs) == 0 {
			continue
		}
		// Messages in hand are worked even when ctx is done: they were handed to this
		// worker, and finishing them beats making them wait AckWait for someone else.
		ok, err := w.process(context.WithoutCancel(ctx), msgs, maxDeliver, ackWait)
		if errors.Is(err, errAbandoned) {
			return nil
		}
		if ok {
			backoff = 0
			continue
		}
		// The store failed as a whole: give it time before the next batch.
		backoff = min(max(2*backoff, time.Second), time.Minute)
		sleep(ctx, backoff)
	}
	return nil
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

// work is one message on its way through a batch.
type work struct {
	msg       jetstream.Msg
	doc       source.Document
	delivered uint64
	a         *article.Article
	done      bool // acknowledged or terminated already
}

// process works one batch: decode, skip what is stored, extract, store, acknowledge. It
// reports false when the store failed as a whole (the batch is redelivered).
func (w *Worker) process(ctx context.Context, msgs []jetstream.Msg, maxDeliver int, ackWait time.Duration) (bool, error) {
	// Keep the server from redelivering while the batch is worked, however slow its
	// documents: AckWait then only measures how long a dead worker holds its messages.
	stop := make(chan struct{})
	var keep sync.WaitGroup
	keep.Add(1)
	go func() {
		defer keep.Done()
		t := time.NewTicker(max(ackWait/3, 100*time.Millisecond))
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				for _, m := range msgs {
					_ = m.InProgress()
				}
			}
		}
	}()
	defer func() { close(stop); keep.Wait() }()

	ws := make([]*work, len(msgs))
	for i, m := range msgs {
		wk := &work{msg: m, delivered: 1}
		if md, err := m.Metadata(); err == nil {
			wk.delivered = md.NumDelivered
		}
		ws[i] = wk
		w.count(func(s *Stats) {
			s.Received++
			if wk.delivered > 1 {
				s.Redelivered++
			}
		})
		doc, err := Decode(m.Headers(), m.Data())
		if err != nil {
			w.term(wk, "undecodable message: "+err.Error())
			continue
		}
		wk.doc = doc
		// A document with a URL whose article is stored needs no extraction (a re-read
		// feed past the duplicate window, or a redelivery after a worker died).
		if u, ok := store.CanonicalURL(doc.Input.URL); ok {
			if has, err := w.Store.Has(ctx, u); err == nil && has {
				w.count(func(s *Stats) { s.Duplicates++ })
				w.ack(wk)
			}
		}
	}
	w.extract(ws)

	var items []store.Item
	var stored []*work
	for _, wk := range ws {
		if wk.done {
			continue
		}
		items = append(items, store.Item{Article: wk.a, Source: store.Source{Name: wk.doc.Source, Kind: wk.doc.Kind}})
		stored = append(stored, wk)
	}
	if len(items) == 0 {
		w.count(func(s *Stats) { s.Batches++ })
		return true, nil
	}
	res, err := w.Store.PutBatch(ctx, items)
	if err != nil {
		w.logf("store: %v (batch of %d will be redelivered)", err, len(items))
		for _, wk := range stored {
			if int(wk.delivered) >= maxDeliver {
				w.term(wk, "store: "+err.Error())
				continue
			}
			_ = wk.msg.NakWithDelay(time.Duration(wk.delivered) * time.Second)
		}
		return false, nil
	}
	if w.afterStore != nil && w.afterStore() {
		return false, errAbandoned
	}
	for i, rs := range res {
		wk := stored[i]
		if rs.Err != nil {
			w.term(wk, "store: "+rs.Err.Error())
			continue
		}
		w.count(func(s *Stats) {
			if rs.Created {
				s.New++
			} else {
				s.Duplicates++
			}
		})
		w.ack(wk)
	}
	w.count(func(s *Stats) { s.Batches++ })
	return true, nil
}

// extract runs the pipeline over the batch's pending documents, Concurrency at a time. A
// pipeline error is final: the pipeline is deterministic, so a redelivery would fail the
// same way.
func (w *Worker) extract(ws []*work) {
	n := w.Concurrency
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	next := make(chan *work)
	var wg sync.WaitGroup
	for range min(n, len(ws)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for wk := range next {
				a, err := w.Pipeline.Extract(wk.doc.Input)
				if err != nil {
					w.term(wk, reason(err))
					continue
				}
				wk.a = a
			}
		}()
	}
	for _, wk := range ws {
		if !wk.done {
			next <- wk
		}
	}
	close(next)
	wg.Wait()
}

func (w *Worker) ack(wk *work) {
	wk.done = true
	// A lost ack only means a redelivery, which the store's idempotent Put absorbs.
	if err := wk.msg.Ack(); err != nil {
		w.logf("%s: ack: %v", wk.ref(), err)
	}
}

// term ends a message for good, counting and logging why; the reason is also in the
// server's termination advisory.
func (w *Worker) term(wk *work, why string) {
	wk.done = true
	w.count(func(s *Stats) {
		s.Failed++
		if s.Reasons == nil {
			s.Reasons = map[string]int{}
		}
		s.Reasons[why]++
	})
	w.logf("%s: %s (terminated at delivery %d)", wk.ref(), why, wk.delivered)
	if err := wk.msg.TermWithReason(why); err != nil {
		w.logf("%s: term: %v", wk.ref(), err)
	}
}

func (wk *work) ref() string {
	if wk.doc.Ref != "" {
		return wk.doc.Ref
	}
	if id := wk.msg.Headers().Get(jetstream.MsgIDHeader); id != "" {
		return id
	}
	return wk.msg.Subject()
}

// reason shortens an error to a class for the counts, as package ingest does.
func reason(err error) string {
	switch {
	case errors.Is(err, extract.ErrTooLarge):
		return "too large"
	case errors.Is(err, source.ErrBinary):
		return "binary content"
	}
	s := err.Error()
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i] // an internal error carries its stack after the first line
	}
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	return s
}

// String summarises the counts in one line.
func (s Stats) String() string {
	return fmt.Sprintf("received %d (redelivered %d), new %d, already stored %d, failed %d, batches %d",
		s.Received, s.Redelivered, s.New, s.Duplicates, s.Failed, s.Batches)
}
