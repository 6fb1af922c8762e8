package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
	"unicode"

	"github.com/heraldnews/herald/article"
	"github.com/heraldnews/herald/export"
	"github.com/heraldnews/herald/store"
)

func init() {
	register("search", "full-text search over stored articles, with filters", runSearch)
	register("quotes", "list stored quotes, e.g. --speaker NAME", runQuotes)
	register("events", "list stored events, e.g. --source MEX --target USA", runEvents)
	register("stats", "count what the store holds; top actors and dyads", runStats)
	register("export", "export articles, events, quotes or entities as jsonl, csv, gdelt or parquet", runExport)
}

// queryFlags are the flags every listing shares.
type queryFlags struct {
	fl                        *flag.FlagSet
	store, format, after      string
	limit                     int
	from, to, source, cluster string
}

func newQueryFlags(name string, stderr io.Writer) *queryFlags {
	q := &queryFlags{fl: flag.NewFlagSet(name, flag.ContinueOnError)}
	q.fl.SetOutput(stderr)
	q.fl.StringVar(&q.store, "store", "herald.db", "SQLite store file or postgres:// URL")
	q.fl.StringVar(&q.format, "format", "text", "output: text or jsonl")
	q.fl.IntVar(&q.limit, "limit", 20, "rows per page (at most 1000)")
	q.fl.StringVar(&q.after, "after", "", "cursor from the previous page (printed at the end of a page)")
	q.fl.StringVar(&q.from, "from", "", "first published day, YYYY-MM-DD")
	q.fl.StringVar(&q.to, "to", "", "last published day, YYYY-MM-DD")
	q.fl.StringVar(&q.source, "source-name", "", "only articles from this source (feed, file or WARC name)")
	q.fl.StringVar(&q.cluster, "cluster", "", "only articles of this story cluster")
	return q
}

// check reports flag values that cannot be meant (a bad date, a page size out of range,
// an unknown format, arguments to a command that takes none, and the command's own
// checks in more) as a usage error, exit status 2, rather than a query that silently
// matches nothing. It returns 0 when all is well.
func (q *queryFlags) check(stderr io.Writer, takesWords bool, more ...error) int {
	errs := append([]error{checkDay("from", q.from), checkDay("to", q.to)}, more...)
	if q.limit < 1 || q.limit > store.MaxLimit {
		errs = append(errs, fmt.Errorf("--limit must be from 1 to %d", store.MaxLimit))
	}
	if q.format != "text" && q.format != "jsonl" {
		errs = append(errs, fmt.Errorf("unknown --format %q (text, jsonl)", q.format))
	}
	if !takesWords && q.fl.NArg() > 0 {
		errs = append(errs, fmt.Errorf("unexpected argument %q: herald %s takes only flags", q.fl.Arg(0), q.fl.Name()))
	}
	// Search text is words, "a phrase" or prefix*, every operator taken as plain text; a
	// term needs a letter or digit (as the stores build their queries), so punctuation
	// alone would match nothing without saying why.
	if text := strings.Join(q.fl.Args(), " "); takesWords && strings.TrimSpace(text) != "" &&
		!strings.ContainsFunc(text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
		errs = append(errs, fmt.Errorf("search text %q has no words to search for (words, \"a phrase\" or prefix*)", text))
	}
	if err := errors.Join(errs...); err != nil {
		fmt.Fprintf(stderr, "herald %s: %v\n", q.fl.Name(), err)
		return 2
	}
	return 0
}

func checkDay(name, v string) error {
	if v == "" {
		return nil
	}
	if _, err := time.Parse(time.DateOnly, v); err != nil {
		return fmt.Errorf("--%s %q is not a date YYYY-MM-DD", name, v)
	}
	return nil
}

// oneOf checks a flag's value against the values it can take ("" is no filter).
func oneOf(name, v string, allowed ...string) error {
	if v == "" || slices.Contains(allowed, v) {
		return nil
	}
	return fmt.Errorf("unknown --%s %q (%s)", name, v, strings.Join(allowed, ", "))
}

var modalities = []string{article.Asserted, article.Reported, article.Hypothetical, article.Future, article.Negated, article.Denied}

func (q *queryFlags) filter() store.Filter {
	return store.Filter{From: q.from, To: q.to, Source: q.source, Cluster: q.cluster}
}

// open opens an existing store; a missing file is an error rather than a new empty store.
func (q *queryFlags) open() (store.Store, error) {
	if _, err := os.Stat(q.store); err != nil && !isStoreURL(q.store) {
		return nil, fmt.Errorf("no store at %s (run 'herald ingest' or 'herald demo' first, or pass --store)", q.store)
	}
	return openStore(context.Background(), q.store)
}

// listing prints one page of results and the cursor for the next.
func listing[T any](q *queryFlags, stdout, stderr io.Writer, fetch func(ctx context.Context, db store.Store) (store.Page[T], error), text func(w io.Writer, item T)) int {
	db, err := q.open()
	if err != nil {
		fmt.Fprintf(stderr, "herald: %v\n", err)
		return 1
	}
	defer db.Close()
	page, err := fetch(context.Background(), db)
	if err != nil {
		fmt.Fprintf(stderr, "herald: %v\n", err)
		return 1
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, it := range page.Items {
		if q.format == "jsonl" {
			if err := enc.Encode(it); err != nil {
				return 1
			}
			continue
		}
		text(w, it)
	}
	if q.format == "text" {
		fmt.Fprintf(w, "(%d shown", len(page.Items))
		if page.Next != "" {
			fmt.Fprintf(w, "; more with --after %s", page.Next)
		}
		fmt.Fprintln(w, ")")
	} else if page.Next != "" {
		fmt.Fprintf(stderr, "more with --after %s\n", page.Next)
	}
	return 0
}

func runSearch(args []string, stdout, stderr io.Writer) int {
	q := newQueryFlags("search", stderr)
	var s store.Query
	q.fl.StringVar(&s.Actor, "actor", "", "actor code prefix of an entity or event side (USA, USAGOV)")
	q.fl.StringVar(&s.Country, "country", "", "an entity's country (ISO alpha-3)")
	q.fl.StringVar(&s.Cameo, "cameo", "", "CAMEO code prefix of an event")
	q.fl.StringVar(&s.Root, "root", "", "CAMEO root of an event (two digits)")
	q.fl.StringVar(&s.Plover, "plover", "", "PLOVER type of an event")
	q.fl.StringVar(&s.Modality, "modality", "", "modality of an event (asserted, reported, …)")
	if err := q.fl.Parse(args); err != nil {
		return 2
	}
	// Codes match in any case, as in the JSON API.
	s.Actor, s.Country, s.Plover, s.Modality = strings.ToUpper(s.Actor), strings.ToUpper(s.Country), strings.ToUpper(s.Plover), strings.ToLower(s.Modality)
	if code := q.check(stderr, true, oneOf("modality", s.Modality, modalities...)); code != 0 {
		return code
	}
	s.Text = strings.Join(q.fl.Args(), " ")
	s.Filter, s.After, s.Limit = q.filter(), q.after, q.limit
	return listing(q, stdout, stderr, func(ctx context.Context, db store.Store) (store.Page[store.ArticleHit], error) {
		return db.Search(ctx, s)
	}, func(w io.Writer, h store.ArticleHit) {
		fmt.Fprintf(w, "%6d  %-10s  %s\n", h.ID, h.Published, h.Title)
		if h.URL != "" {
			fmt.Fprintf(w, "        %s\n", h.URL)
		}
		if h.Snippet != "" {
			fmt.Fprintf(w, "        %s\n", clip(h.Snippet, 100))
		}
	})
}

func runQuotes(args []string, stdout, stderr io.Writer) int {
	q := newQueryFlags("quotes", stderr)
	var s store.QuoteQuery
	q.fl.StringVar(&s.Speaker, "speaker", "", "part of the speaker's name, any case")
	q.fl.StringVar(&s.Kind, "kind", "", "direct, indirect or according_to")
	q.fl.StringVar(&s.Actor, "actor", "", "actor code prefix of the speaker")
	q.fl.StringVar(&s.Country, "country", "", "the speaker's country")
	if err := q.fl.Parse(args); err != nil {
		return 2
	}
	s.Kind, s.Actor, s.Country = strings.ToLower(s.Kind), strings.ToUpper(s.Actor), strings.ToUpper(s.Country)
	if code := q.check(stderr, true, oneOf("kind", s.Kind, article.QuoteDirect, article.QuoteIndirect, article.QuoteAccordingTo)); code != 0 {
		return code
	}
	s.Text = strings.Join(q.fl.Args(), " ")
	s.Filter, s.After, s.Limit = q.filter(), q.after, q.limit
	return listing(q, stdout, stderr, func(ctx context.Context, db store.Store) (store.Page[store.QuoteHit], error) {
		return db.Quotes(ctx, s)
	}, func(w io.Writer, h store.QuoteHit) {
		speaker := h.SpeakerName
		if speaker == "" {
			speaker = "(unknown)"
		}
		fmt.Fprintf(w, "%-24s %-12s %q\n", clip(speaker, 24), h.Kind, clip(h.Text, 90))
		fmt.Fprintf(w, "%24s article %d, %s %s\n", "", h.ArticleID, h.Published, clip(h.Title, 60))
	})
}

func runEvents(args []string, stdout, stderr io.Writer) int {
	q := newQueryFlags("events", stderr)
	var s store.EventQuery
	aggregate := q.fl.Bool("aggregate", false, "group the same event reported by several articles, as GDELT does")
	q.fl.StringVar(&s.SourceActor, "source", "", "source actor code prefix (MEX matches MEXGOV)")
	q.fl.StringVar(&s.TargetActor, "target", "", "target actor code prefix")
	q.fl.StringVar(&s.Actor, "actor", "", "either side's actor code prefix")
	q.fl.StringVar(&s.Cameo, "cameo", "", "CAMEO code prefix")
	q.fl.StringVar(&s.Root, "root", "", "CAMEO root")
	q.fl.IntVar(&s.QuadClass, "quad", 0, "QuadClass 1–4")
	q.fl.StringVar(&s.Plover, "plover", "", "PLOVER type")
	q.fl.StringVar(&s.Modality, "modality", "", "asserted, reported, hypothetical, future, negated, denied")
	if err := q.fl.Parse(args); err != nil {
		return 2
	}
	s.SourceActor, s.TargetActor, s.Actor = strings.ToUpper(s.SourceActor), strings.ToUpper(s.TargetActor), strings.ToUpper(s.Actor)
	s.Plover, s.Modality = strings.ToUpper(s.Plover), strings.ToLower(s.Modality)
	var quad error
	if s.QuadClass < 0 || s.QuadClass > 4 {
		quad = fmt.Errorf("--quad must be from 1 to 4 (0: any)")
	}
	if code := q.check(stderr, false, quad, oneOf("modality", s.Modality, modalities...)); code != 0 {
		return code
	}
	s.Filter, s.After, s.Limit = q.filter(), q.after, q.limit
	if *aggregate {
		return listing(q, stdout, stderr, func(ctx context.Context, db store.Store) (store.Page[store.AggregateEvent], error) {
			return db.AggregateEvents(ctx, s)
		}, func(w io.Writer, a store.AggregateEvent) {
			fmt.Fprintf(w, "%-10s %-8s → %-8s CAMEO %-4s Goldstein %+5.1f  mentions %d, sources %d, articles %d, stories %d\n",
				a.Day, a.SourceCode, a.TargetCode, a.Cameo, a.Goldstein, a.NumMentions, a.NumSources, a.NumArticles, a.NumStories)
		})
	}
	return listing(q, stdout, stderr, func(ctx context.Context, db store.Store) (store.Page[store.EventHit], error) {
		return db.Events(ctx, s)
	}, func(w io.Writer, h store.EventHit) {
		fmt.Fprintf(w, "%-10s %s → %s  CAMEO %s %s  %s [%s]\n", h.Published, actorLabel(h.Source), actorLabel(h.Target), h.Cameo, h.CameoName, h.Plover, h.Modality)
		fmt.Fprintf(w, "           %s\n", clip(h.Evidence, 100))
	})
}

func runStats(args []string, stdout, stderr io.Writer) int {
	q := newQueryFlags("stats", stderr)
	if err := q.fl.Parse(args); err != nil {
		return 2
	}
	if code := q.check(stderr, false); code != 0 {
		return code
	}
	db, err := q.open()
	if err != nil {
		fmt.Fprintf(stderr, "herald: %v\n", err)
		return 1
	}
	defer db.Close()
	s, err := db.Stats(context.Background())
	if err != nil {
		fmt.Fprintf(stderr, "herald: %v\n", err)
		return 1
	}
	if q.format == "jsonl" {
		enc := json.NewEncoder(stdout)
		return boolCode(enc.Encode(s) != nil)
	}
	writeStats(stdout, s)
	return 0
}

func boolCode(failed bool) int {
	if failed {
		return 1
	}
	return 0
}

func runExport(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("export", flag.ContinueOnError)
	fl.SetOutput(stderr)
	storePath := fl.String("store", "herald.db", "SQLite store file or postgres:// URL")
	what := fl.String("what", "articles", "articles, events, quotes or entities")
	format := fl.String("format", "jsonl", "jsonl, csv, gdelt (events) or parquet")
	out := fl.String("out", "", "output file (default: standard output)")
	header := fl.Bool("gdelt-header", false, "gdelt: start with a header row")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "herald export: unexpected argument %q: herald export takes only flags\n", fl.Arg(0))
		return 2
	}
	if _, err := os.Stat(*storePath); err != nil && !isStoreURL(*storePath) {
		fmt.Fprintf(stderr, "herald export: no store at %s\n", *storePath)
		return 1
	}
	db, err := openStore(context.Background(), *storePath)
	if err != nil {
		fmt.Fprintf(stderr, "herald export: %v\n", err)
		return 1
	}
	defer db.Close()
	var dst io.Writer = stdout
	var of *outFile
	if *out != "" {
		if of, err = createOut(*out); err != nil {
			fmt.Fprintf(stderr, "herald export: %v\n", err)
			return 1
		}
		defer of.discard()
		dst = of
	}
	bw := bufio.NewWriterSize(dst, 1<<16)
	wr, err := export.NewWriter(bw, *what, *format, export.GDELTHeader(*header))
	if err != nil {
		fmt.Fprintf(stderr, "herald export: %v\n", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	n, err := exportRows(ctx, db, *what, *format, wr)
	if err == nil {
		err = wr.Close()
	}
	if err == nil {
		err = bw.Flush()
	}
	if err == nil && of != nil {
		err = of.commit()
	}
	if err != nil {
		fmt.Fprintf(stderr, "herald export: %v\n", err)
		return 1
	}
	fmt.Fprintf(stderr, "herald export: %d %s written\n", n, *what)
	return 0
}

// exportRows streams the store's rows of one kind into wr. GDELT rows are the aggregated
// events (one per day, actors and code, with mention, source and article counts), as in
// GDELT's own event table.
func exportRows(ctx context.Context, db store.Store, what, format string, wr export.Writer) (int, error) {
	n := 0
	if what == "events" && format == "gdelt" {
		q := store.EventQuery{Limit: store.MaxLimit}
		for {
			page, err := db.AggregateEvents(ctx, q)
			if err != nil {
				return n, err
			}
			for _, a := range page.Items {
				row := export.Row{
					Event: &article.Event{
						Source: article.Actor{Code: a.SourceCode}, Target: article.Actor{Code: a.TargetCode},
						Cameo: a.Cameo, CameoRoot: a.Root, QuadClass: a.QuadClass, Goldstein: a.Goldstein,
					},
					NumMentions: a.NumMentions, NumSources: a.NumSources, NumArticles: a.NumArticles,
				}
				if len(a.ArticleIDs) > 0 {
					if s, err := db.Article(ctx, a.ArticleIDs[0]); err == nil {
						row.Article, row.ArticleID = s.Article, s.ID
						if s.Article.Published == "" {
							row.Article.Published = a.Day
						}
					}
				}
				if err := wr.Write(row); err != nil {
					return n, err
				}
				n++
			}
			if page.Next == "" {
				return n, nil
			}
			q.After = page.Next
		}
	}
	kind := store.Kind(what)
	err := db.Each(ctx, kind, func(row any) error {
		var r export.Row
		switch v := row.(type) {
		case *store.Stored:
			r = export.Row{Article: v.Article, ArticleID: v.ID, Cluster: v.Cluster, Source: v.Source.Name}
		case store.EventHit:
			r = export.Row{Article: &article.Article{URL: v.URL, Published: v.Published, Title: v.Title}, ArticleID: v.ArticleID, Event: &v.Event, EventIndex: v.Index}
		case store.QuoteHit:
			r = export.Row{Article: &article.Article{URL: v.URL, Published: v.Published, Title: v.Title}, ArticleID: v.ArticleID, Quote: &v.Quote}
		case store.EntityRow:
			r = export.Row{ArticleID: v.ArticleID, Entity: &v.Entity}
		default:
			return fmt.Errorf("unexpected row %T", row)
		}
		n++
		return wr.Write(r)
	})
	return n, err
}

// outFile is export's --out file: a temporary file beside the named one, renamed over it
// only when the export has succeeded, so a bad flag, a failure or Ctrl-C leaves the file
// as it was. A name that exists and is not a regular file (/dev/stdout, a pipe) is
// written directly.
type outFile struct {
	*os.File
	path string // the name to rename to; "" when written directly
	done bool
}

func createOut(path string) (*outFile, error) {
	fi, err := os.Stat(path)
	if err == nil && !fi.Mode().IsRegular() {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
		if err != nil {
			return nil, err
		}
		return &outFile{File: f}, nil
	}
	mode := os.FileMode(0o644)
	if err == nil {
		mode = fi.Mode().Perm()
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, err
	}
	if err := f.Chmod(mode); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return &outFile{File: f, path: path}, nil
}

// commit closes the file and puts it in place.
func (o *outFile) commit() error {
	o.done = true
	if err := o.Close(); err != nil {
		o.remove()
		return err
	}
	if o.path == "" {
		return nil
	}
	if err := os.Rename(o.Name(), o.path); err != nil {
		o.remove()
		return err
	}
	return nil
}

// discard closes and removes the temporary file unless commit has run.
func (o *outFile) discard() {
	if !o.done {
		o.Close()
		o.remove()
	}
}

func (o *outFile) remove() {
	if o.path != "" {
		os.Remove(o.Name())
	}
}
