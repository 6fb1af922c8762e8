// Package queuetest starts an in-process NATS server with JetStream for tests of package
// queue and its commands, so they need no external service. It is imported only by
// tests: it links the whole NATS server.
package queuetest

import (
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// MaxPayload is the test server's max_payload: at least queue.MaxMessageBytes (package
// queue's tests check it; this package cannot import queue, whose tests import it).
const MaxPayload = 16 << 20

// StartServer starts a JetStream server on 127.0.0.1 at a free port, keeping its data in
// a temporary directory, and returns its client URL; the server stops when the test ends.
// Its max_payload is raised from NATS's 1 MB default to MaxPayload, as a production
// server's configuration must be to carry documents up to queue.MaxMessageBytes.
func StartServer(tb testing.TB) string {
	tb.Helper()
	s, err := server.NewServer(&server.Options{
		Host:       "127.0.0.1",
		Port:       server.RANDOM_PORT,
		JetStream:  true,
		StoreDir:   tb.TempDir(),
		MaxPayload: MaxPayload,
		NoLog:      true,
		NoSigs:     true,
	})
	if err != nil {
		tb.Fatal(err)
	}
	go s.Start()
	if !s.ReadyForConnections(10 * time.Second) {
		tb.Fatal("nats server did not start")
	}
	tb.Cleanup(func() {
		s.Shutdown()
		s.WaitForShutdown()
	})
	return s.ClientURL()
}
