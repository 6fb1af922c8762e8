package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/heraldnews/herald/extract"
	"github.com/heraldnews/herald/queue"
	"github.com/heraldnews/herald/sample"
	"github.com/heraldnews/herald/source"
)

// connectQueue connects to a NATS server and makes sure the document stream exists, so
// either side (publisher or worker) may start first.
func connectQueue(ctx context.Context, natsURL, name string, cfg queue.Config) (*nats.Conn, jetstream.JetStream, error) {
	nc, err := nats.Connect(natsURL, nats.Name(name),
		// A worker is long-lived: it rides out a NATS restart rather than exiting.
		nats.MaxReconnects(-1), nats.ReconnectWait(time.Second))
	if err != nil {
		return nil, nil, fmt.Errorf("nats %s: %w", natsURL, err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, nil, err
	}
	if _, err := queue.EnsureStream(ctx, js, cfg); err != nil {
		nc.Close()
		return nil, nil, err
	}
	return nc, js, nil
}

// runIngestQueue is `herald ingest --queue URL SOURCE...`: it publishes the sources'
// documents (and the sample corpus with --sample) for `herald worker` instead of
// processing them, and prints a summary. It returns the exit status: 1 when any document
// failed or the queue could not be reached.
func runIngestQueue(natsURL string, specs []string, useSample bool, opts source.Options, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	start := time.Now()
	var extra []source.Document
	if useSample {
		for _, d := range sample.Corpus() {
			extra = append(extra, source.Document{
				Input:  extract.Input{Path: d.Name, URL: d.URL, Format: extract.FormatJSON, Data: d.Data},
				Source: d.Source, Kind: source.KindJSONL, Ref: d.Name,
			})
		}
	}
	pub, dup, failed, err := publishDocs(ctx, natsURL, specs, extra, opts, stderr)
	fmt.Fprintf(stdout, "published %d, duplicates dropped %d, failed %d in %s\n",
		pub, dup, failed, time.Since(start).Round(time.Millisecond))
	if err != nil {
		fmt.Fprintf(stderr, "herald ingest: %v\n", err)
		return 1
	}
	if failed > 0 {
		return 1
	}
	return 0
}

// publishSources publishes every document of the sources to the queue at natsURL. A
// document that cannot be read or is too large is counted in failed and explained on
// stderr; one the stream already has (same identity, within the duplicate window) is
// counted in duplicates. err is non-nil only when the queue itself fails, and then the
// counts say how far it got.
func publishSources(ctx context.Context, natsURL string, specs []string, opts source.Options, stderr io.Writer) (published, duplicates, failed int, err error) {
	return publishDocs(ctx, natsURL, specs, nil, opts, stderr)
}

func publishDocs(ctx context.Context, natsURL string, specs []string, extra []source.Document, opts source.Options, stderr io.Writer) (published, duplicates, failed int, err error) {
	nc, js, err := connectQueue(ctx, natsURL, "herald ingest", queue.Config{})
	if err != nil {
		return 0, 0, 0, err
	}
	defer nc.Close()
	put := func(d source.Document) error {
		err := queue.Publish(ctx, js, d)
		switch {
		case err == nil:
			published++
		case errors.Is(err, queue.ErrDuplicate):
			duplicates++
		case errors.Is(err, source.ErrTooLarge):
			failed++
			fmt.Fprintf(stderr, "herald ingest: %s: %v\n", d.Ref, err)
		default:
			return err
		}
		return nil
	}
	for _, d := range extra {
		if err := put(d); err != nil {
			return published, duplicates, failed, err
		}
	}
	for _, spec := range specs {
		src, err := source.Open(spec, opts)
		if err != nil {
			failed++
			fmt.Fprintf(stderr, "herald ingest: %s: %v\n", spec, err)
			continue
		}
		for {
			d, err := src.Next(ctx)
			if err == io.EOF { // not errors.Is: a DocError may wrap io.EOF
				break
			}
			if err != nil {
				var de *source.DocError
				if errors.As(err, &de) {
					failed++
					fmt.Fprintf(stderr, "herald ingest: %v\n", de)
					continue
				}
				if ctx.Err() != nil {
					src.Close()
					return published, duplicates, failed, ctx.Err()
				}
				// A fatal error ends this source, not the run, as in ingest.Runner.
				failed++
				fmt.Fprintf(stderr, "herald ingest: %s: %v\n", spec, err)
				break
			}
			if err := put(d); err != nil {
				src.Close()
				return published, duplicates, failed, err
			}
		}
		src.Close()
	}
	return published, duplicates, failed, nil
}
