//go:build unix

package extract

import (
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/heraldnews/herald/clean"
	"github.com/heraldnews/herald/dict"
	"github.com/heraldnews/herald/entity"
	"github.com/heraldnews/herald/event"
	"github.com/heraldnews/herald/ner"
	"github.com/heraldnews/herald/nlp"
	"github.com/heraldnews/herald/quote"
)

// The benchmarks run over a few article-sized texts like the PolNeAR news the speed
// targets are set on (about 4.6 KB each): two written for this file and the repository's
// Ruritania sample. They report articles/s of wall time and, because the shared build
// machine is loaded and wall time there is noisy, articles per CPU second of the process
// as well (run with GOMAXPROCS=1 so that the two measure the same single core):
//
//	GOMAXPROCS=1 go test -run '^$' -bench . -benchtime 200x ./extract
//	GOMAXPROCS=1 go test -run '^$' -bench 'Extract$' -cpuprofile cpu.out ./extract
//
// With HERALD_BENCH_DIR set, every benchmark runs over the files of that folder instead
// (e.g. ../shared/eval/quotes/polnear/train/text, the texts the targets are set on).

const benchHarbour = `Port Strike Spreads as Valdoria Rejects Union Pay Demand

By Elena Marsh

CASTELLO, Valdoria — Dock workers in three more cities walked off the job on Thursday, widening a strike that has already idled the country's largest container terminal, after the government of Prime Minister Tomas Ruiz rejected the union's latest pay demand.

"We have been patient for two years, and patience has not paid a single bill," said Marta Kellner, the general secretary of the Valdorian Dockworkers' Federation, speaking to reporters outside the union's headquarters in Castello. She said the federation would not return to talks until the government withdrew its threat to bring in military crews.

The Ministry of Transport said in a statement that the strike was illegal and that it had asked the Supreme Court to order the workers back. Transport Minister Paolo Venn told parliament that the stoppage was costing the economy about 40 million euros a day. "No government can allow a handful of officials to hold the whole country hostage," Venn said.

Shipping lines have begun to divert vessels to the neighbouring port of Saint Amaro in Lusitania, according to the Harbour Masters Association. A spokesman for Meridian Container Lines said the company had rerouted eleven ships this week and warned that delays could last into next month.

The strike began on Monday at the Castello terminal, where about 6,000 workers are employed, and spread on Thursday to Porto Leal, Vila Rasa and the river port of Santa Irene. Police said a small group of protesters blocked the main gate at Porto Leal for several hours but that no one was arrested.

Opposition leader Irene Duval accused the government of provoking the dispute. "The prime minister promised a fair settlement in the spring and then walked away from the table," she said in a radio interview. Her party, the Social Democratic Alliance, has called for an independent mediator.

Economists at the Central Bank of Valdoria said in a note that a strike lasting more than two weeks could cut growth this quarter by half a percentage point. The bank's governor, Henrik Salo, declined to comment on the dispute but said the bank was watching prices of imported food and fuel closely.

The European Commission said it was following the situation and urged both sides to resume negotiations. A Commission spokeswoman, Ana Brandt, told reporters in Brussels that the free movement of goods inside the single market must be protected.

Ruiz, who faces a confidence vote in parliament next week, has insisted that the government's offer of a 4 percent raise over two years is final. Speaking at a factory opening in the northern city of Alvor on Wednesday, he said the country could not afford more. "We respect the right to strike, but we will not be blackmailed," Ruiz said.

Union leaders have threatened to extend the action to airports and rail freight yards if the government sends soldiers to the docks. Kellner said on Thursday that the federation had received messages of support from unions in Lusitania, Freedonia and Ruritania, and that dockers in Saint Amaro had voted not to handle diverted Valdorian cargo.

Business groups warned of shortages. The Valdorian Retail Council said supermarkets in the south had reported empty shelves of fresh fruit and that pharmacies were running low on some imported medicines. Its president, Carlos Mendes, appealed to both sides to "put the public first" and reach an agreement before the weekend.

Late on Thursday, the Labour Ministry invited the union and the port operators to meet on Friday morning. A ministry official, who asked not to be named because she was not authorised to speak publicly, said the government was prepared to discuss working hours and pensions but not the size of the pay rise.
`

const benchSummit = `Leaders Agree Ceasefire Talks at Border Summit, but Fighting Continues

GENEVA (Herald) — The presidents of Freedonia and Sylvania agreed on Saturday to open ceasefire talks next month, after a day-long summit hosted by the United Nations, even as fresh clashes were reported along their disputed border.

Freedonian President Rufus Firefly and Sylvanian President Carla Mendez shook hands in front of cameras at the Palais des Nations but did not take questions. In a joint statement, the two governments said negotiators would meet in Vienna on March 3 and would discuss the withdrawal of heavy weapons, the exchange of prisoners and the return of displaced families.

"Today we chose words over weapons," Mendez said in a short speech after the meeting. "It is only a first step, and the hardest steps are still ahead of us."

Firefly was more cautious. He told reporters on his flight home that Freedonia would not withdraw a single soldier until Sylvania stopped shelling villages near the town of Dunmore. "We want peace, but we are not naive," he said, according to a transcript released by his office.

The United Nations Secretary-General, who chaired the talks, welcomed the agreement and said the UN was ready to send observers. His spokesman, Jean Arnaud, said a team of about forty monitors could be deployed within weeks if both sides consented.

Fighting broke out in October after Freedonian troops crossed into a strip of farmland that both countries claim. Since then more than 300 people have been killed and about 80,000 have fled their homes, according to the International Committee of the Red Cross. On Saturday the Sylvanian Defence Ministry said two of its soldiers had been killed by artillery fire near Dunmore, and accused Freedonia of violating a local truce.

Freedonia's defence minister, Victor Hale, denied the accusation. He said in a statement that Freedonian forces had only returned fire after coming under attack, and that Sylvanian drones had struck a fuel depot near the border town of Kerrow overnight.

Analysts were sceptical that the talks would hold. "Both leaders need to look strong at home, and that makes compromise very hard," said Helena Novak, a researcher at the Institute for Peace Studies in Oslo. She noted that Firefly faces an election in the spring and that Mendez relies on nationalist parties to keep her coalition together.

The United States and the European Union both welcomed the summit. The U.S. State Department said Secretary of State Daniel Brooks had spoken by telephone with both presidents on Friday and urged them to agree to a lasting ceasefire. The EU's foreign policy chief said the bloc would consider easing sanctions on Sylvania if the withdrawal of heavy weapons was verified.

In Dunmore, residents said they had little hope. "Every month there is a meeting and every night there is shelling," said Tomas Berg, a farmer who has moved his family to a school building in the town centre. Aid agencies said food and medicine were reaching the town only irregularly because the main road was often closed by fighting.

The World Food Programme said on Saturday it had delivered supplies to about 20,000 people in the border region this month but that it needed safe access to reach thousands more. A WFP official said convoys had been turned back twice this week at checkpoints run by Sylvanian militias.

Negotiators from both sides are expected to meet UN officials in Geneva next week to prepare the Vienna talks. Mendez said she would lead her delegation herself if the first round made progress.
`

// benchArticles are the benchmark inputs; the Ruritania sample is added when present.
func benchArticles(b *testing.B) [][]byte {
	if dir := os.Getenv("HERALD_BENCH_DIR"); dir != "" {
		return dirArticles(b, dir)
	}
	docs := [][]byte{[]byte(benchHarbour), []byte(benchSummit)}
	if data, err := os.ReadFile("../testdata/ruritania.txt"); err == nil {
		docs = append(docs, data)
	}
	return docs
}

// cpuTime is the CPU time (user and system) the whole process has used, the measure that
// stays meaningful when other jobs compete for the cores.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loop runs f once per article for b.N rounds and reports articles per wall and CPU second.
func loop(b *testing.B, docs [][]byte, f func(doc []byte)) {
	var bytes int
	for _, d := range docs {
		bytes += len(d)
	}
	b.SetBytes(int64(bytes))
	b.ReportAllocs()
	b.ResetTimer()
	c0 := cpuTime()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			f(d)
		}
	}
	cpu := cpuTime() - c0
	b.StopTimer()
	n := float64(b.N * len(docs))
	b.ReportMetric(n/b.Elapsed().Seconds(), "articles/s")
	if cpu > 0 {
		b.ReportMetric(n/cpu.Seconds(), "articles/cpu-s")
	}
}

// BenchmarkExtract times the whole pipeline, as 'herald extract' runs it per file.
func BenchmarkExtract(b *testing.B) {
	p, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	docs := benchArticles(b)
	loop(b, docs, func(d []byte) {
		if _, err := p.Extract(Input{Path: "bench.txt", Data: d}); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkRunOn times a 1 MB article with no sentence end, the shape of a scraped page
// run into one line: sentences are cut at nlp.MaxSentenceTokens, so it costs about what
// 1 MB of ordinary text does (it took minutes when it made one sentence).
func BenchmarkRunOn(b *testing.B) {
	p, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	data := []byte(strings.Repeat("Officials in Lima said talks would go on ", 25000))
	b.SetBytes(int64(len(data)))
	for i := 0; i < b.N; i++ {
		if _, err := p.Extract(Input{Path: "long.txt", Data: data}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStages times each stage of the pipeline on the same articles, with the input
// of each stage prepared outside the timed loop, so that the stages can be compared.
func BenchmarkStages(b *testing.B) {
	docs := benchArticles(b)
	rec := entity.New(ner.Default(), dict.Default())
	coder := event.Default()
	type prepared struct {
		raw  string
		text string
		nd   *nlp.Doc
		ents *entity.Set
	}
	prep := make([]prepared, len(docs))
	paras := make([][]nlp.Span, len(docs))
	for i, d := range docs {
		text, spans := clean.Text(string(d), "").Text()
		for _, s := range spans {
			paras[i] = append(paras[i], nlp.Span{Start: s.Start, End: s.End})
		}
		nd := nlp.Analyze(text, paras[i])
		prep[i] = prepared{raw: string(d), text: text, nd: nd, ents: rec.Recognize(nd)}
	}
	index := make(map[*byte]int, len(docs))
	for i := range docs {
		index[&docs[i][0]] = i
	}
	idx := func(d []byte) int { return index[&d[0]] }
	b.Run("clean", func(b *testing.B) {
		loop(b, docs, func(d []byte) { clean.Text(prep[idx(d)].raw, "").Text() })
	})
	b.Run("nlp", func(b *testing.B) {
		loop(b, docs, func(d []byte) { i := idx(d); nlp.Analyze(prep[i].text, paras[i]) })
	})
	b.Run("ner", func(b *testing.B) {
		tg := ner.Default()
		words := make([][][]string, len(docs))
		for i := range docs {
			for _, s := range prep[i].nd.Sentences {
				var w []string
				for _, t := range s.Tokens {
					w = append(w, t.Text)
				}
				words[i] = append(words[i], w)
			}
		}
		tags := make([]string, 1024)
		loop(b, docs, func(d []byte) {
			for _, w := range words[idx(d)] {
				if len(w) > len(tags) {
					tags = make([]string, len(w))
				}
				tg.TagInto(w, tags)
			}
		})
	})
	b.Run("entity", func(b *testing.B) {
		loop(b, docs, func(d []byte) { rec.Recognize(prep[idx(d)].nd) })
	})
	b.Run("quote", func(b *testing.B) {
		loop(b, docs, func(d []byte) { i := idx(d); quote.Find(prep[i].nd, prep[i].ents) })
	})
	b.Run("event", func(b *testing.B) {
		loop(b, docs, func(d []byte) { i := idx(d); coder.Code(prep[i].nd, prep[i].ents) })
	})
}

// The words of the fixtures, checked so that an edit to them that empties one is caught.
func TestBenchFixtures(t *testing.T) {
	for _, s := range []string{benchHarbour, benchSummit} {
		if n := len(strings.Fields(s)); n < 500 {
			t.Errorf("fixture has %d words, want article-sized (>= 500)", n)
		}
	}
}

// BenchmarkExtractDir times the whole pipeline over every file of the directory named by
// HERALD_BENCH_DIR (e.g. the PolNeAR training texts the speed target is set on), which
// the fixtures above only imitate; it is skipped when the variable is unset.
func BenchmarkExtractDir(b *testing.B) {
	dir := os.Getenv("HERALD_BENCH_DIR")
	if dir == "" {
		b.Skip("HERALD_BENCH_DIR not set")
	}
	docs := dirArticles(b, dir)
	for _, c := range []struct {
		name string
		opt  Options
	}{
		{"full", Options{}},
		// The entities path, 'herald extract --no-quotes --no-events'.
		{"entities", Options{NoQuotes: true, NoEvents: true}},
	} {
		b.Run(c.name, func(b *testing.B) {
			p, err := New(c.opt)
			if err != nil {
				b.Fatal(err)
			}
			loop(b, docs, func(d []byte) {
				if _, err := p.Extract(Input{Path: "bench.txt", Data: d}); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

// dirArticles reads the non-empty files of dir.
func dirArticles(b *testing.B, dir string) [][]byte {
	ents, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	var docs [][]byte
	for _, e := range ents {
		if data, err := os.ReadFile(dir + "/" + e.Name()); err == nil && !e.IsDir() && len(data) > 0 {
			docs = append(docs, data)
		}
	}
	return docs
}
