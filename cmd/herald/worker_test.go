package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/heraldnews/herald/queue/queuetest"
	"github.com/heraldnews/herald/source"
	"github.com/heraldnews/herald/store"
	"github.com/heraldnews/herald/store/sqlite"
)

// TestWorkerQueueKill9 publishes a corpus through `herald ingest --queue`'s function,
// SIGKILLs a real `herald worker` process part-way, lets a second one finish, stops it
// with SIGTERM, and checks every article is stored exactly once; publishing again is
// dropped as duplicates.
func TestWorkerQueueKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	natsURL := queuetest.StartServer(t)
	const n = 300
	tmp, bin, corpus := buildWithCorpus(t, n)
	ctx := context.Background()
	var logb bytes.Buffer
	pub, dup, failed, err := publishSources(ctx, natsURL, []string{corpus}, source.Options{}, &logb)
	if err != nil || pub != n || dup != 0 || failed != 0 {
		t.Fatalf("publish: %d published, %d duplicates, %d failed, %v; want %d published\n%s", pub, dup, failed, err, n, logb.String())
	}

	db := filepath.Join(tmp, "h.db")
	args := []string{"worker", "--queue", natsURL, "--store", db, "--ack-wait", "2s", "--batch", "8", "--concurrency", "1", "--progress", "0"}
	partial := killPartWay(t, exec.Command(bin, args...), db, 20, n)
	deadline := time.Now().Add(2 * time.Minute)

	second := exec.Command(bin, args...)
	var out, errb bytes.Buffer
	second.Stdout, second.Stderr = &out, &errb
	if err := second.Start(); err != nil {
		t.Fatal(err)
	}
	for countArticles(t, db) < n && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if err := second.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	// A worker must stop promptly on SIGTERM; if it does not, SIGQUIT makes it print its
	// goroutines so the failure says where it hung.
	exited := make(chan error, 1)
	go func() { exited <- second.Wait() }()
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("second worker after SIGTERM: %v\n%s", err, errb.String())
		}
	case <-time.After(30 * time.Second):
		_ = second.Process.Signal(syscall.SIGQUIT)
		<-exited
		t.Fatalf("second worker did not stop within 30s of SIGTERM\n%s", errb.String())
	}
	t.Logf("killed the first worker after %d of %d articles; second: %s", partial, n, strings.TrimSpace(out.String()))

	s, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	paths := map[string]int{}
	err = s.Each(ctx, store.KindArticles, func(row any) error {
		paths[filepath.Base(row.(*store.Stored).Path)]++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != n {
		t.Errorf("store has %d distinct articles, want %d", len(paths), n)
	}
	for p, c := range paths {
		if c != 1 {
			t.Errorf("%s stored %d times", p, c)
		}
	}
	pub, dup, failed, err = publishSources(ctx, natsURL, []string{corpus}, source.Options{}, &logb)
	if err != nil || pub != 0 || dup != n || failed != 0 {
		t.Errorf("republish: %d published, %d duplicates, %d failed, %v; want %d duplicates", pub, dup, failed, err, n)
	}
}

// TestWorkerQueueCLI checks the worker command's usage errors and the postgres:// route.
func TestWorkerQueueCLI(t *testing.T) {
	if code, _, _ := runCLI("worker", "extra-arg"); code != 2 {
		t.Errorf("worker with an argument: exit %d, want 2", code)
	}
	natsURL := queuetest.StartServer(t)
	// An unreachable database must fail fast with an error, not hang or fall back to a file.
	code, _, errs := runCLI("worker", "--queue", natsURL, "--store", "postgres://nobody@127.0.0.1:1/none?connect_timeout=2")
	if code != 1 || !strings.Contains(errs, "herald worker:") {
		t.Errorf("worker on an unreachable postgres: exit %d, %q", code, errs)
	}
}

// A WARC record cut after its headers is a per-document error whose cause wraps io.EOF;
// publishing counts it as failed rather than taking it for the end of the file.
func TestPublishCutWARCCounted(t *testing.T) {
	rec := func(n int, body string) string {
		block := "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
		return fmt.Sprintf("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://a.example/%d\r\nWARC-Date: 2025-01-02T03:04:05Z\r\n"+
			"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-00000000000%d>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n",
			n, n, len(block), block)
	}
	second := rec(2, "<p>The council of Riga approved its budget on Tuesday.</p>")
	path := filepath.Join(t.TempDir(), "cut.warc")
	data := rec(1, "<p>Workers in Lisbon went back to work on Monday.</p>") + second[:strings.Index(second, "HTTP/1.1")]
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	var logb bytes.Buffer
	pub, _, failed, err := publishSources(context.Background(), queuetest.StartServer(t), []string{path}, source.Options{}, &logb)
	if err != nil || pub != 1 || failed != 1 {
		t.Errorf("published %d, failed %d, %v; want 1 and 1 (%s)", pub, failed, err, logb.String())
	}
}
