package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// findChromium returns a Chromium or Chrome binary: $HERALD_CHROMIUM, or the first of
// the usual names on PATH.
func findChromium() string {
	if p := os.Getenv("HERALD_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell", "headless_shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// artifactsDir is where screenshots go: $HERALD_ARTIFACTS when set, else a temp dir.
func artifactsDir(t *testing.T) string {
	if d := os.Getenv("HERALD_ARTIFACTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// TestServeBrowser drives real headless Chromium through the dashboard: home, a search,
// an article with its highlights, a dyad chart drawn by app.js and a story cluster. It
// fails on any script error or Content-Security-Policy violation the pages log.
func TestServeBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	bin := findChromium()
	if bin == "" {
		t.Skip("no chromium binary found (apt-get install -y chromium, or set HERALD_CHROMIUM): skipping the browser test")
	}
	s := newTestServer(t, Config{})
	ts := httptest.NewServer(s)
	defer ts.Close()
	dir := artifactsDir(t)

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox, // as root in CI containers
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	defer cancel()

	var mu sync.Mutex
	var problems []string
	err := chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+e.ExceptionDetails.Text)
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError {
				var parts []string
				for _, a := range e.Args {
					parts = append(parts, string(a.Value))
				}
				problems = append(problems, "console.error: "+strings.Join(parts, " "))
			}
		case *cdplog.EventEntryAdded:
			// CSP violations and failed loads are reported here, not as exceptions.
			if e.Entry.Level == cdplog.EntryLevelError {
				problems = append(problems, fmt.Sprintf("log %s: %s %s", e.Entry.Source, e.Entry.Text, e.Entry.URL))
			}
		}
	})
	if err == nil {
		_, err = chromedp.Call(ctx, cdplog.Enable, cdp.Empty{})
	}
	if err != nil {
		t.Fatal(err)
	}

	step := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	count := func(css string) int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+strconvQuote(css)+`).length`))
		if err != nil {
			t.Fatalf("count %s: %v", css, err)
		}
		return n
	}
	shot := func(name string) {
		t.Helper()
		buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100) /* 100 means PNG */)
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		p := filepath.Join(dir, name+".png")
		if err := os.WriteFile(p, buf, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot %s", p)
	}

	// Home page. The first navigation of a fresh browser pays for starting its renderer,
	// so the budget of 300 ms is measured on a second load with an empty HTTP cache. Wall
	// time on a shared machine is no pass/fail criterion: the times are logged, and held
	// to 300 ms (the page's arrival and the whole load) only under HERALD_STRICT_TIMING.
	timing := func() (load, resp float64, detail string) {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const n = performance.getEntriesByType("navigation")[0];
			return JSON.stringify({start: n.startTime, req: n.requestStart, resp: n.responseEnd, dom: n.domContentLoadedEventEnd, load: n.loadEventEnd}); })()`))
		if err != nil {
			t.Fatal(err)
		}
		var m struct{ Start, Req, Resp, Dom, Load float64 }
		if err := json.Unmarshal([]byte(v), &m); err != nil {
			t.Fatal(err)
		}
		return m.Load - m.Start, m.Resp - m.Start, v
	}
	step("home", chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.ID("recent")))
	cold, _, coldDetail := timing()
	if _, err := chromedp.Call(ctx, network.ClearBrowserCache, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	step("home again", chromedp.Navigate(ts.URL+"/?again"), chromedp.WaitVisible(chromedp.ID("recent")))
	loadMS, respMS, detail := timing()
	shot("1-home")
	t.Logf("home page load: first %.0f ms %s; again, uncached %.0f ms %s", cold, coldDetail, loadMS, detail)
	if os.Getenv("HERALD_STRICT_TIMING") != "" && (respMS > 300 || loadMS > 300) {
		t.Errorf("home page took %.0f ms to arrive, %.0f ms to load, want under 300", respMS, loadMS)
	}
	if count("#top-actors li a") == 0 {
		t.Error("home page lists no top actors")
	}

	// Search through the header form, then open the first hit.
	step("search",
		chromedp.SendKeys(chromedp.CSS(`header input[name=q]`), "troops"),
		chromedp.Submit(chromedp.CSS(`header input[name=q]`)),
		chromedp.WaitVisible(chromedp.CSS(`#results .hit`)))
	hits := count("#results .hit")
	shot("2-search")
	step("open article", chromedp.Click(chromedp.CSS(`#results .hit a.title`)), chromedp.WaitVisible(chromedp.ID("text")))
	title, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
	if err != nil {
		t.Fatal(err)
	}
	ents, quotes, events := count("#text a.ent"), count("#text .quote"), count("#events tbody tr[class^=quad]")
	shot("3-article")
	t.Logf("search: %d hits; article %q: %d entity spans, %d quotes, %d events", hits, title, ents, quotes, events)
	if hits == 0 || ents == 0 || quotes == 0 || title == "" {
		t.Errorf("search %d hits, article %q with %d entity spans and %d quotes", hits, title, ents, quotes)
	}

	// The dyad chart is drawn by app.js from /api/dyads.
	step("dyad", chromedp.Navigate(ts.URL+"/dyads/KOR/PRK"), chromedp.WaitReady(chromedp.CSS(`#chart svg rect.bar`)))
	bars, dots := count("#chart svg rect.bar"), count("#chart svg circle.gdot")
	shot("4-dyad")
	if bars == 0 || dots == 0 {
		t.Errorf("dyad chart: %d bars, %d Goldstein points", bars, dots)
	}

	// A story cluster side by side, and a hostile article: its payloads must stay text.
	step("cluster", chromedp.Navigate(ts.URL+"/clusters/"+firstCluster(t, s)), chromedp.WaitVisible(chromedp.ID("columns")))
	cols, marks := count("#columns .col"), count("#columns mark.shared")
	shot("5-cluster")
	if cols < 2 || marks == 0 {
		t.Errorf("cluster page: %d columns, %d shared marks", cols, marks)
	}
	step("hostile", chromedp.Navigate(ts.URL+"/search?q=hostile"), chromedp.WaitVisible(chromedp.ID("results")),
		chromedp.Click(chromedp.CSS(`#results .hit a.title`)), chromedp.WaitVisible(chromedp.ID("text")))
	shot("6-hostile")
	if n := count("img") + count("main script"); n > 0 {
		t.Errorf("hostile article injected %d elements", n)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
		t.Errorf("page problem: %s", p)
	}
	fmt.Fprintf(os.Stderr, "screenshots in %s\n", dir)
}

func strconvQuote(s string) string { return strconv.Quote(s) }
