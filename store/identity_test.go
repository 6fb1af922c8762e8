package store

import (
	"strings"
	"testing"

	"github.com/heraldnews/herald/article"
)

func TestCanonicalURL(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"HTTPS://Example.COM/News/Story?id=3#top", "https://example.com/News/Story?id=3"},
		{"https://example.com", "https://example.com/"},
		{"https://example.com:443/a", "https://example.com/a"},
		{"http://example.com:80/a", "http://example.com/a"},
		{"http://example.com:8080/a", "http://example.com:8080/a"},
		{"https://example.com/a?utm_source=x&b=2&UTM_Medium=y&a=1", "https://example.com/a?b=2&a=1"},
		{"https://example.com/a?utm_source=x", "https://example.com/a"},
		{"https://user:pw@example.com/a", "https://example.com/a"},
		{"https://[::1]:443/a", "https://[::1]/a"},
	} {
		got, ok := CanonicalURL(c.in)
		if !ok || got != c.want {
			t.Errorf("CanonicalURL(%q) = %q, %v; want %q", c.in, got, ok, c.want)
		}
	}
	for _, bad := range []string{"", "  ", "example.com/a", "/a/b", "mailto:a@b.c", "ftp://x.org/a", "file:///tmp/a.html", "http://[::1"} {
		if got, ok := CanonicalURL(bad); ok {
			t.Errorf("CanonicalURL(%q) = %q, want not ok", bad, got)
		}
	}
}

func TestIdentity(t *testing.T) {
	a := &article.Article{URL: "https://Example.com/x?utm_campaign=1", Text: "one"}
	b := &article.Article{URL: "https://example.com/x#comments", Text: "two"}
	if Identity(a) != Identity(b) {
		t.Errorf("same canonical URL, different identities: %q %q", Identity(a), Identity(b))
	}
	c := &article.Article{Text: "  Some cleaned text.\n"}
	d := &article.Article{URL: "not a url", Text: "Some cleaned text."}
	if Identity(c) != Identity(d) || !strings.HasPrefix(Identity(c), "sha256:") || len(Identity(c)) != 7+64 {
		t.Errorf("text identities: %q %q", Identity(c), Identity(d))
	}
	if Identity(c) == Identity(&article.Article{Text: "Other text."}) {
		t.Error("different texts share an identity")
	}
}
