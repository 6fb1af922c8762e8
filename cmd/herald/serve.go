package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/heraldnews/herald/server"
)

func init() {
	register("serve", "serve the web dashboard and JSON API over a store", runServe)
}

func runServe(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	storePath := fl.String("store", "herald.db", "SQLite store file or postgres:// URL")
	addr := fl.String("addr", "127.0.0.1:8080", "`host:port` to listen on (loopback unless told otherwise)")
	token := fl.String("token", "", "token that authorises POST /api/articles (default $HERALD_TOKEN; none disables writes)")
	allowPrivate := fl.Bool("allow-private", false, "let POST /api/articles fetch URLs on private, loopback and link-local addresses")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "herald serve: unexpected argument %q: herald serve takes only flags\n", fl.Arg(0))
		return 2
	}
	if *token == "" {
		*token = os.Getenv("HERALD_TOKEN")
	}
	if _, err := os.Stat(*storePath); err != nil && !isStoreURL(*storePath) {
		fmt.Fprintf(stderr, "herald serve: %v (create one with herald demo or herald ingest)\n", err)
		return 1
	}
	db, err := openStore(context.Background(), *storePath)
	if err != nil {
		fmt.Fprintf(stderr, "herald serve: %v\n", err)
		return 1
	}
	defer db.Close()
	log := slog.New(slog.NewTextHandler(stderr, nil))
	srv, err := server.New(server.Config{Store: db, Token: *token, Fetch: server.FetchOptions{AllowPrivate: *allowPrivate}, Logger: log})
	if err != nil {
		fmt.Fprintf(stderr, "herald serve: %v\n", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err = server.ListenAndServe(ctx, *addr, srv, func(a net.Addr) {
		writes := "writes disabled (no --token)"
		if *token != "" {
			writes = "writes need the token"
		}
		fmt.Fprintf(stdout, "Herald serving %s on http://%s/ (%s); Ctrl-C stops\n", *storePath, a, writes)
	})
	if err != nil {
		fmt.Fprintf(stderr, "herald serve: %v\n", err)
		return 1
	}
	return 0
}
