package sqlite

import (
	"context"
	"errors"

	"github.com/heraldnews/herald/store"
)

var errClosed = errors.New("sqlite: store is closed")

// maxGroup is the most items the writer commits in one transaction.
const maxGroup = 512

// writeReq is one Put or PutBatch waiting for the writer.
type writeReq struct {
	ctx   context.Context
	preps []*prepared
	res   []store.Result
	err   error         // the whole request failed
	done  chan struct{} // closed when res and err are final
}

// writer commits the queued requests, group by group: every request that arrived while the
// previous transaction was committing goes into the next one. This is group commit: with
// several ingest workers calling Put, the cost of a transaction (the WAL frames of every
// b-tree page it touched) is shared by many articles instead of paid by each, without the
// workers having to batch, and a Put still returns only once its article is committed.
// Each article stays atomic: a failing one is undone alone (see write).
//
// The channels are parameters, not read from db: Close nils db.queue, and a writer that
// read the field after a quick Close would wait on a nil channel forever.
func (db *DB) writer(queue <-chan *writeReq, written chan<- struct{}) {
	defer close(written)
	for req := range queue {
		group, n := []*writeReq{req}, len(req.preps)
	drain:
		for n < maxGroup {
			select {
			case r, ok := <-queue:
				if !ok {
					break drain
				}
				group, n = append(group, r), n+len(r.preps)
			default:
				break drain
			}
		}
		db.commitGroup(group)
	}
}

func (db *DB) commitGroup(group []*writeReq) {
	live := group[:0]
	for _, r := range group {
		if err := r.ctx.Err(); err != nil {
			r.err = err // given up while queued: not written
			close(r.done)
			continue
		}
		live = append(live, r)
	}
	switch len(live) {
	case 0:
		return
	case 1:
		r := live[0]
		r.err = db.write(r.ctx, r.preps, r.res)
		close(r.done)
		return
	}
	var (
		preps []*prepared
		res   []store.Result
	)
	for _, r := range live {
		preps = append(preps, r.preps...)
		res = append(res, r.res...)
	}
	// The group's transaction belongs to no one caller, so no caller's context ends it.
	if err := db.write(context.Background(), preps, res); err != nil {
		// The group failed as a whole (a full disk, another process holding the lock past
		// the busy timeout): try each request alone so that each gets its own answer.
		for _, r := range live {
			r.err = db.write(r.ctx, r.preps, r.res)
			close(r.done)
		}
		return
	}
	for _, r := range live {
		res = res[copy(r.res, res):]
		close(r.done)
	}
}
