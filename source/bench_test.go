package source

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"testing"
)

// Sources should cost little next to the pipeline: these show documents per second of
// the two bulk formats.

func BenchmarkJSONL(b *testing.B) {
	var buf bytes.Buffer
	for i := range 1000 {
		fmt.Fprintf(&buf, `{"url":"https://example.org/%d","title":"T%d","text":"The minister said the talks would resume on Monday, officials said."}`+"\n", i, i)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		s := newJSONLReader("bench", bytes.NewReader(data), Options{})
		benchDrain(b, s, 1000)
	}
}

func BenchmarkWARC(b *testing.B) {
	var data []byte
	for i := range 200 {
		rec := response(fmt.Sprintf("https://a.example/%d", i), 200, "Content-Type: text/html\r\n",
			"<html><body>"+string(bytes.Repeat([]byte("<p>The minister said the talks would resume.</p>"), 100))+"</body></html>")
		data = append(data, gz(b, rec)...)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		s, err := newWARCStream("bench", bytes.NewReader(data), Options{})
		if err != nil {
			b.Fatal(err)
		}
		benchDrain(b, s, 200)
	}
}

func benchDrain(b *testing.B, s Source, want int) {
	defer s.Close()
	n := 0
	for {
		_, err := s.Next(context.Background())
		if err == io.EOF {
			break
		}
		if err != nil {
			b.Fatal(err)
		}
		n++
	}
	if n != want {
		b.Fatalf("%d documents, want %d", n, want)
	}
}
