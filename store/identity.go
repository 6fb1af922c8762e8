package store

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"

	"github.com/heraldnews/herald/article"
)

// Identity returns the key that makes an article the same article to the store: its
// canonical URL (see CanonicalURL) when it has a usable one, otherwise "sha256:" and the hex
// SHA-256 of its cleaned text. Two fetches of one page through different tracking links
// share an identity; two texts without URLs share one only when they are byte-identical
// after trimming (near-duplicates are dedup's business, not identity's).
func Identity(a *article.Article) string {
	if u, ok := CanonicalURL(a.URL); ok {
		return u
	}
	sum := sha256.Sum256([]byte(strings.TrimSpace(a.Text)))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// CanonicalURL normalises an absolute http(s) URL: scheme and host in lower case, the
// default port dropped, an empty path made "/", the fragment and utm_* parameters removed
// (other parameters keep their order, since some sites route by them). It reports false for
// anything that is not an absolute http or https URL.
func CanonicalURL(raw string) (string, bool) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", false
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return "", false
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", false
	}
	u.Host = strings.ToLower(u.Host)
	if port := u.Port(); (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		u.Host = strings.TrimSuffix(u.Host, ":"+port)
	}
	u.Fragment, u.RawFragment = "", ""
	u.User = nil
	if u.Path == "" {
		u.Path, u.RawPath = "/", ""
	}
	if u.RawQuery != "" {
		// Edit the raw query piece by piece rather than through url.Values, which would
		// re-encode and sort the rest and so change URLs that need no change.
		parts := strings.Split(u.RawQuery, "&")
		kept := parts[:0]
		for _, p := range parts {
			key, _, _ := strings.Cut(p, "=")
			if p == "" || strings.HasPrefix(strings.ToLower(key), "utm_") {
				continue
			}
			kept = append(kept, p)
		}
		u.RawQuery = strings.Join(kept, "&")
	}
	u.ForceQuery = false
	return u.String(), true
}
