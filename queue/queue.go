// Package queue spreads Herald's corpus job over many processes and machines through a
// NATS JetStream stream: `herald ingest --queue` publishes raw documents (Publish), and any
// number of `herald worker` processes pull them from one shared durable consumer, run the
// article pipeline and store the articles (Worker). It is the scale-out form of package
// ingest; see docs/scale-out.md for running it.
//
// # Delivery contract
//
// A document is published with its identity (the canonical URL when it has one, else
// "sha256:" and the SHA-256 of its bytes) as the Nats-Msg-Id, so JetStream drops a
// document published again within the stream's duplicate window. A worker acknowledges a
// message only after the store has committed its article, so a worker that dies at any
// moment loses nothing: after AckWait the server redelivers the message to another worker,
// and because store.Store.Put is idempotent on the same identity, an article stored but
// not yet acknowledged is not stored twice. Delivery is therefore at least once and storage
// exactly once. A document that cannot be processed (it does not decode, the pipeline
// rejects it, the store rejects the article) is terminated with a logged reason rather than
// redelivered forever; a transient failure (the store as a whole failing) is redelivered up
// to MaxDeliver times.
//
// # Concurrency
//
// Publish and EnsureStream are safe for concurrent use (a jetstream.JetStream is). A Worker
// is used by one goroutine calling Run; it runs its own extraction goroutines inside. Any
// number of Workers, in one process or many, may share one consumer: the server hands each
// message to one of them at a time. Stats may be called from any goroutine.
//
// # Wire format
//
// The message body is the document's bytes as they are (no base64 or JSON wrapping, so a
// document costs its own size on the wire); its metadata (extract.Input's Path, URL and
// Format, and the source's name, kind and ref) travels in one header, Herald-Doc, as JSON,
// whose escaping keeps header values free of line breaks.
package queue

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/heraldnews/herald/extract"
	"github.com/heraldnews/herald/source"
	"github.com/heraldnews/herald/store"
)

// Defaults for Config.
const (
	DefaultStream   = "HERALD_DOCS"
	DefaultSubject  = "herald.docs"
	DefaultConsumer = "herald-workers"
	// DefaultDuplicates is the duplicate window: a document published again within it is
	// dropped by the server. A day covers re-reading the same feeds and archives in a daily
	// job; the store's idempotent Put and the worker's identity check cover the rest.
	DefaultDuplicates = 24 * time.Hour
	DefaultAckWait    = 2 * time.Minute
	DefaultMaxDeliver = 5
	// MaxMessageBytes is the stream's message size limit: the largest document the
	// pipeline takes plus room for headers. The NATS server's max_payload (1 MB by
	// default) must be at least this: set max_payload: 11MB in its configuration.
	MaxMessageBytes = source.DefaultMaxBytes + 64<<10
)

// HeaderDoc carries a message's document metadata.
const HeaderDoc = "Herald-Doc"

// ErrDuplicate is returned by Publish when JetStream reports that a document with the same
// identity was already published within the duplicate window; nothing new was queued.
var ErrDuplicate = errors.New("queue: duplicate document")

// Config names the stream and consumer and sets their limits. The zero value means the
// defaults above.
type Config struct {
	Stream, Subject, Consumer string
	Duplicates                time.Duration
	MaxMsgSize                int32 // bytes; 0 means MaxMessageBytes
	MaxBytes                  int64 // stream size limit; 0 means none
	Replicas                  int   // 3 on a JetStream cluster; 0 means 1
	AckWait                   time.Duration
	MaxDeliver                int
	// MaxAckPending bounds the messages handed out and not yet acknowledged across all
	// workers; 0 means the server's default (1000).
	MaxAckPending int
}

func (c Config) withDefaults() Config {
	if c.Stream == "" {
		c.Stream = DefaultStream
	}
	if c.Subject == "" {
		c.Subject = DefaultSubject
	}
	if c.Consumer == "" {
		c.Consumer = DefaultConsumer
	}
	if c.Duplicates <= 0 {
		c.Duplicates = DefaultDuplicates
	}
	if c.MaxMsgSize <= 0 {
		c.MaxMsgSize = MaxMessageBytes
	}
	if c.Replicas <= 0 {
		c.Replicas = 1
	}
	if c.AckWait <= 0 {
		c.AckWait = DefaultAckWait
	}
	if c.MaxDeliver <= 0 {
		c.MaxDeliver = DefaultMaxDeliver
	}
	return c
}

// EnsureStream creates the stream, or updates it to cfg's settings.
//
// It is a work queue: a message is removed once acknowledged, and when the stream is full
// a new publish is refused (DiscardNew) rather than old, unprocessed documents dropped.
func EnsureStream(ctx context.Context, js jetstream.JetStream, cfg Config) (jetstream.Stream, error) {
	cfg = cfg.withDefaults()
	maxBytes := cfg.MaxBytes
	if maxBytes <= 0 {
		maxBytes = -1
	}
	s, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:        cfg.Stream,
		Description: "Herald raw documents awaiting extraction",
		Subjects:    []string{cfg.Subject},
		Retention:   jetstream.WorkQueuePolicy,
		Discard:     jetstream.DiscardNew,
		Storage:     jetstream.FileStorage,
		MaxMsgSize:  cfg.MaxMsgSize,
		MaxBytes:    maxBytes,
		Duplicates:  cfg.Duplicates,
		Replicas:    cfg.Replicas,
	})
	if err != nil {
		return nil, fmt.Errorf("queue: stream %s: %w", cfg.Stream, err)
	}
	return s, nil
}

// EnsureConsumer creates the durable pull consumer the workers share, or updates it to
// cfg's AckWait, MaxDeliver and MaxAckPending.
func EnsureConsumer(ctx context.Context, js jetstream.JetStream, cfg Config) (jetstream.Consumer, error) {
	cfg = cfg.withDefaults()
	c, err := js.CreateOrUpdateConsumer(ctx, cfg.Stream, jetstream.ConsumerConfig{
		Durable:       cfg.Consumer,
		Description:   "Herald extraction workers",
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       cfg.AckWait,
		MaxDeliver:    cfg.MaxDeliver,
		MaxAckPending: cfg.MaxAckPending,
		FilterSubject: cfg.Subject,
	})
	if err != nil {
		return nil, fmt.Errorf("queue: consumer %s: %w", cfg.Consumer, err)
	}
	return c, nil
}

// meta is the Herald-Doc header.
type meta struct {
	Path   string `json:"path,omitempty"`
	URL    string `json:"url,omitempty"`
	Format string `json:"format,omitempty"`
	Source string `json:"source,omitempty"`
	Kind   string `json:"kind,omitempty"`
	Ref    string `json:"ref,omitempty"`
}

// Identity is the message id of a document: its canonical URL when it has a usable one,
// else "sha256:" and the hex SHA-256 of its bytes. For a document with a URL it is the
// identity the store will give its article, so the store can be asked about it before
// extraction; for one without, it is a hash of the raw bytes, not of the cleaned text the
// store hashes, since that text is only known after extraction.
func Identity(doc source.Document) string {
	if u, ok := store.CanonicalURL(doc.Input.URL); ok {
		return u
	}
	sum := sha256.Sum256(doc.Input.Data)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// Encode makes the message for a document on subject.
func Encode(subject string, doc source.Document) (*nats.Msg, error) {
	h, err := json.Marshal(meta{
		Path: doc.Input.Path, URL: doc.Input.URL, Format: doc.Input.Format,
		Source: doc.Source, Kind: doc.Kind, Ref: doc.Ref,
	})
	if err != nil {
		return nil, err
	}
	m := nats.NewMsg(subject)
	m.Header.Set(HeaderDoc, string(h))
	m.Header.Set(jetstream.MsgIDHeader, Identity(doc))
	m.Data = doc.Input.Data
	return m, nil
}

// Decode turns a message back into the document that was published.
func Decode(headers nats.Header, data []byte) (source.Document, error) {
	h := headers.Get(HeaderDoc)
	if h == "" {
		return source.Document{}, errors.New("no " + HeaderDoc + " header")
	}
	var m meta
	if err := json.Unmarshal([]byte(h), &m); err != nil {
		return source.Document{}, fmt.Errorf("bad %s header: %w", HeaderDoc, err)
	}
	return source.Document{
		Input:  extract.Input{Path: m.Path, URL: m.URL, Format: m.Format, Data: data},
		Source: m.Source, Kind: m.Kind, Ref: m.Ref,
	}, nil
}

// Publish queues a document on DefaultSubject; see PublishTo.
func Publish(ctx context.Context, js jetstream.JetStream, doc source.Document) error {
	return PublishTo(ctx, js, DefaultSubject, doc)
}

// PublishTo queues a document on subject and waits for the stream to store it. It returns
// ErrDuplicate when the stream already had the document within its duplicate window, and
// an error wrapping source.ErrTooLarge when the message exceeds what the server accepts.
func PublishTo(ctx context.Context, js jetstream.JetStream, subject string, doc source.Document) error {
	m, err := Encode(subject, doc)
	if err != nil {
		return err
	}
	// The client would refuse an oversized message with a bare "maximum payload
	// exceeded"; saying which limit to raise is more use to whoever reads the log.
	size := int64(len(m.Data))
	for k, vs := range m.Header {
		for _, v := range vs {
			size += int64(len(k) + len(v) + 4) // "k: v\r\n"
		}
	}
	if limit := js.Conn().MaxPayload(); limit > 0 && size+16 > limit {
		return fmt.Errorf("%w: %d bytes, the NATS server's max_payload is %d (raise it to at least %d)",
			source.ErrTooLarge, len(m.Data), limit, MaxMessageBytes)
	}
	ack, err := js.PublishMsg(ctx, m)
	if err != nil {
		return fmt.Errorf("queue: publish %s: %w", doc.Ref, err)
	}
	if ack.Duplicate {
		return ErrDuplicate
	}
	return nil
}
