package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"time"
)

// Resolver looks up a host's addresses; *net.Resolver is one. Tests inject their own.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// FetchOptions configure a Fetcher.
type FetchOptions struct {
	AllowPrivate bool          // also fetch from private, loopback and link-local addresses
	Timeout      time.Duration // for the whole fetch, redirects included; 0 means 20 s
	MaxBytes     int64         // body size cap; 0 means 10 MiB
	MaxRedirects int           // 0 means 5
	Resolver     Resolver      // nil means net.DefaultResolver
}

// Fetcher gets a page for POST /api/articles without letting a caller reach the
// server's own network: the check is made on the resolved IPs at dial time, for every
// connection including redirects, so DNS tricks (a public name resolving to 10.0.0.1, or
// rebinding between check and connect) do not get through.
type Fetcher struct {
	opts   FetchOptions
	client *http.Client
}

// ErrForbiddenAddress is returned when a URL resolves to an address not allowed.
var ErrForbiddenAddress = errors.New("address not allowed")

// NewFetcher builds a Fetcher.
func NewFetcher(o FetchOptions) *Fetcher {
	if o.Timeout <= 0 {
		o.Timeout = 20 * time.Second
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = 10 << 20
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = 5
	}
	if o.Resolver == nil {
		o.Resolver = net.DefaultResolver
	}
	f := &Fetcher{opts: o}
	d := &net.Dialer{Timeout: 10 * time.Second}
	tr := &http.Transport{
		// No proxy: a proxy would make the connection for us and skip the address check.
		Proxy: nil,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			host, port, err := net.SplitHostPort(addr)
			if err != nil {
				return nil, err
			}
			ips, err := o.Resolver.LookupNetIP(ctx, "ip", host)
			if err != nil {
				return nil, err
			}
			var last error = fmt.Errorf("%s: no addresses", host)
			for _, ip := range ips {
				if !o.AllowPrivate && !publicAddr(ip) {
					last = fmt.Errorf("%w: %s resolves to %s", ErrForbiddenAddress, host, ip)
					continue
				}
				c, err := d.DialContext(ctx, network, net.JoinHostPort(ip.Unmap().String(), port))
				if err == nil {
					return c, nil
				}
				last = err
			}
			return nil, last
		},
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 15 * time.Second,
		MaxIdleConns:          4,
		IdleConnTimeout:       30 * time.Second,
	}
	f.client = &http.Client{
		Transport: tr,
		Timeout:   o.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > o.MaxRedirects {
				return fmt.Errorf("more than %d redirects", o.MaxRedirects)
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirect to %s URL refused", req.URL.Scheme)
			}
			return nil
		},
	}
	return f
}

// publicAddr reports whether ip is a globally routable unicast address.
func publicAddr(ip netip.Addr) bool {
	ip = ip.Unmap()
	if !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() ||
		ip.IsLinkLocalMulticast() || ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

// nonPublic are reserved ranges that the netip predicates do not cover.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"), // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("64:ff9b::/96"), // NAT64 can embed any IPv4 address
}

// Fetched is a fetched page.
type Fetched struct {
	URL         string // after redirects
	ContentType string
	Body        []byte
}

// Fetch gets rawURL (http or https only).
func (f *Fetcher) Fetch(ctx context.Context, rawURL string) (*Fetched, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, err
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("only http and https URLs can be fetched, not %q", u.Scheme)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", "Herald/1.0 (+https://github.com/heraldnews/herald)")
	req.Header.Set("Accept", "text/html, application/xhtml+xml, text/plain;q=0.8, application/json;q=0.5")
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fetch %s: %s", u, resp.Status)
	}
	if resp.ContentLength > f.opts.MaxBytes {
		return nil, fmt.Errorf("fetch %s: %s bytes, limit %d", u, strconv.FormatInt(resp.ContentLength, 10), f.opts.MaxBytes)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.opts.MaxBytes+1))
	if err != nil {
		return nil, err
	}
	if int64(len(body)) > f.opts.MaxBytes {
		return nil, fmt.Errorf("fetch %s: larger than %d bytes", u, f.opts.MaxBytes)
	}
	return &Fetched{URL: resp.Request.URL.String(), ContentType: resp.Header.Get("Content-Type"), Body: body}, nil
}
