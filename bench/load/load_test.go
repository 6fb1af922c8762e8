// Package load is an opt-in load test of `herald serve`: many concurrent clients on
// loopback against the search and article endpoints, reporting requests per second and
// p99 latency. It needs HERALD_LOAD=1 so that ordinary test runs stay fast:
//
//	HERALD_LOAD=1 go test ./bench/load -v
//
// HERALD_LOAD_CLIENTS and HERALD_LOAD_SECONDS change the defaults of 50 clients for 20 s.
package load

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/heraldnews/herald/server"
	"github.com/heraldnews/herald/server/servertest"
	"github.com/heraldnews/herald/store"
)

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

func TestLoad(t *testing.T) {
	if os.Getenv("HERALD_LOAD") == "" {
		t.Skip("set HERALD_LOAD=1 to run the load test")
	}
	clients := envInt("HERALD_LOAD_CLIENTS", 50)
	dur := time.Duration(envInt("HERALD_LOAD_SECONDS", 20)) * time.Second
	db := servertest.SampleStore(t)
	srv, err := server.New(server.Config{Store: db})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()

	var page store.Page[store.ArticleHit]
	resp, err := http.Get(ts.URL + "/api/articles?limit=1000")
	if err != nil {
		t.Fatal(err)
	}
	json.NewDecoder(resp.Body).Decode(&page)
	resp.Body.Close()
	var targets []string
	for _, h := range page.Items {
		targets = append(targets, fmt.Sprintf("/api/articles/%d", h.ID), fmt.Sprintf("/articles/%d", h.ID))
	}
	for _, q := range []string{"troops", "border", "sanctions", "minister", "talks", "water"} {
		targets = append(targets, "/api/articles?q="+q, "/search?q="+q)
	}
	targets = append(targets, "/", "/api/events?actor=KOR", "/api/dyads?a=KOR&b=PRK")

	tr := &http.Transport{MaxIdleConnsPerHost: clients}
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	ctx, cancel := context.WithTimeout(context.Background(), dur)
	defer cancel()
	var mu sync.Mutex
	var lat []time.Duration
	var errs int
	var wg sync.WaitGroup
	start := time.Now()
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			var mine []time.Duration
			bad := 0
			for i := c; ctx.Err() == nil; i++ {
				t0 := time.Now()
				r, err := client.Get(ts.URL + targets[i%len(targets)])
				if err != nil {
					if ctx.Err() == nil {
						bad++
					}
					continue
				}
				io.Copy(io.Discard, r.Body)
				r.Body.Close()
				if r.StatusCode != 200 {
					bad++
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			lat = append(lat, mine...)
			errs += bad
			mu.Unlock()
		}(c)
	}
	wg.Wait()
	elapsed := time.Since(start)
	slices.Sort(lat)
	q := func(p float64) time.Duration { return lat[min(len(lat)-1, int(float64(len(lat))*p))] }
	t.Logf("%d clients, %s: %d requests, %.0f req/s, p50 %s, p99 %s, max %s, errors %d",
		clients, elapsed.Round(time.Millisecond), len(lat), float64(len(lat))/elapsed.Seconds(),
		q(0.50).Round(time.Microsecond), q(0.99).Round(time.Microsecond), lat[len(lat)-1].Round(time.Microsecond), errs)
	if errs > 0 {
		t.Errorf("%d errors", errs)
	}
}
