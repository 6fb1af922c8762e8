package postgres

import (
	"fmt"
	"strings"
	"time"
)

// batchSQL writes all the articles of a batch and their annotations in one statement,
// the fast path of PutBatch: a statement per table rather than per article and table,
// with every column of every row passed as one array. It takes insertSQL's arrays
// concatenated over the batch (see batchArgs), plus for each annotation table the article
// id and position of each row, which insertSQL took from its one article. Annotations are
// inserted only for the articles the statement created, which it returns; an article whose
// identity is stored already, by an earlier transaction or an earlier item, is left alone.
var batchSQL = func() string {
	var pr params
	p, ps := pr.one, pr.many
	var b strings.Builder
	b.WriteString(`WITH a AS (
	INSERT INTO articles (identity, url, path, source_id, title, subtitle, byline, published,
		day, language, text, ingested_at, doc, id)
	SELECT u.identity, u.url, u.path, u.source_id, u.title, u.subtitle, u.byline, u.published,
		u.day, u.language, u.text, ` + p("timestamptz") + `, u.doc::jsonb, u.id
	FROM unnest(` + ps("text[]", 3) + ", " + p("bigint[]") + ", " + ps("text[]", 7) + ", " +
		p("text[]") + ", " + p("bigint[]") + `) WITH ORDINALITY AS u(identity, url, path, source_id,
		title, subtitle, byline, published, day, language, text, doc, id, n)
	ORDER BY u.n -- the order of preps: of one identity's rows the first wins
	ON CONFLICT (identity) DO NOTHING RETURNING id
), en AS (
	INSERT INTO entities (article_id, idx, entity_id, name, type, country, actor, sector, roles, mentions)
	SELECT u.aid, u.idx, u.eid, u.name, u.type, u.country, u.actor, u.sector, `)
	cols := p("bigint[]") + ", " + p("int[]") + ", " + ps("text[]", 6) + ", " + ps("int[]", 3)
	roles := p("text[]")
	b.WriteString(`(` + roles + `)[u.off + 1 : u.off + u.cnt], u.mentions
	FROM unnest(` + cols + `) AS u(aid, idx, eid, name, type, country, actor, sector, mentions, off, cnt)
	WHERE u.aid IN (SELECT id FROM a)
), m AS (
	INSERT INTO mentions (article_id, entity_idx, idx, reference, start, "end", text, kind)
	SELECT u.* FROM unnest(` + p("bigint[]") + ", " + ps("int[]", 5) + ", " + ps("text[]", 2) + `) AS u(aid)
	WHERE u.aid IN (SELECT id FROM a)
), q AS (
	INSERT INTO quotes (article_id, idx, kind, text, start, "end", speaker_entity, speaker_name,
		speaker_start, speaker_end, speaker_actor, speaker_country, cue, hedges)
	SELECT u.aid, u.idx, u.kind, u.text, u.start, u.e, u.sent, u.sname, u.sstart, u.send,
		u.sactor, u.scountry, u.cue, `)
	cols = p("bigint[]") + ", " + p("int[]") + ", " + ps("text[]", 2) + ", " + ps("int[]", 2) + ", " +
		ps("text[]", 2) + ", " + ps("int[]", 2) + ", " + ps("text[]", 3) + ", " + ps("int[]", 2)
	hedges := p("text[]")
	b.WriteString(`(` + hedges + `)[u.off + 1 : u.off + u.cnt]
	FROM unnest(` + cols + `) WITH ORDINALITY
		AS u(aid, idx, kind, text, start, e, sent, sname, sstart, send, sactor, scountry, cue, off, cnt, n)
	WHERE u.aid IN (SELECT id FROM a)
	ORDER BY u.n
), ev AS (
	INSERT INTO events (article_id, idx, day, source_name, source_code, source_entity,
		target_name, target_code, target_entity, cameo, root, cameo_name, quad_class, goldstein,
		plover, plover_mode, modality, evidence, sentence, cue)
	SELECT u.aid, u.idx, u.day, u.sn, u.sc, u.se, u.tn, u.tc, u.te, u.cameo, u.root, u.cname,
		u.quad, u.gold, u.plover, u.pmode, u.modality, u.evidence, u.sentence, u.cue
	FROM unnest(` + p("bigint[]") + ", " + p("int[]") + ", " + p("text[]") + ", " + ps("text[]", 9) + ", " +
		p("int[]") + ", " + p("float8[]") + ", " + ps("text[]", 4) + ", " + p("int[]") + ", " + p("text[]") + `)
		WITH ORDINALITY AS u(aid, idx, day, sn, sc, se, tn, tc, te, cameo, root, cname, quad, gold,
			plover, pmode, modality, evidence, sentence, cue, n)
	WHERE u.aid IN (SELECT id FROM a)
	ORDER BY u.n
)
SELECT id FROM a`)
	return b.String()
}()

// Where insertSQL's arguments are (see prepare): the first of each table's arrays, and the
// flat arrays of roles and hedges with the offsets into them.
const (
	argEntities = 14
	argRoleOff  = 21
	argRoles    = 23
	argMentions = 24
	argQuotes   = 31
	argHedgeOff = 42
	argHedges   = 44
	argEvents   = 45
	argEnd      = 62
)

// batchArgs returns batchSQL's arguments for the prepared articles, whose source ids and
// ids are set.
func batchArgs(preps []*prepared) []any {
	args := []any{preps[0].args[11].(time.Time)}
	// Articles: every scalar of insertSQL but the time, as an array.
	for pos := 0; pos < argEntities; pos++ {
		switch pos {
		case 11: // ingested_at: one for the batch
		case argSource, argID:
			col := make([]int64, len(preps))
			for i, p := range preps {
				col[i] = p.args[pos].(int64)
			}
			args = append(args, col)
		default:
			col := make([]string, len(preps))
			for i, p := range preps {
				col[i] = p.args[pos].(string)
			}
			args = append(args, col)
		}
	}
	// Each annotation table: the article id and position of each row, a day for events,
	// then insertSQL's arrays end to end, offsets into the flat arrays shifted to match.
	table := func(first, end int, withIdx, withDay bool, offPos, flatPos int) {
		var aid []int64
		var idx []int32
		var day []string
		for _, p := range preps {
			n := length(p.args[first])
			for k := 0; k < n; k++ {
				aid = append(aid, p.args[argID].(int64))
				idx = append(idx, int32(k))
				day = append(day, p.args[8].(string))
			}
		}
		args = append(args, nonNil(aid))
		if withIdx {
			args = append(args, nonNil(idx))
		}
		if withDay {
			args = append(args, nonNil(day))
		}
		for pos := first; pos < end; pos++ {
			switch col := p0(preps, pos).(type) {
			case []string:
				out := []string{}
				for _, p := range preps {
					out = append(out, p.args[pos].([]string)...)
				}
				args = append(args, out)
			case []float64:
				out := []float64{}
				for _, p := range preps {
					out = append(out, p.args[pos].([]float64)...)
				}
				args = append(args, out)
			case []int32:
				out := []int32{}
				shift := int32(0)
				for _, p := range preps {
					for _, v := range p.args[pos].([]int32) {
						if pos == offPos {
							v += shift
						}
						out = append(out, v)
					}
					if pos == offPos {
						shift += int32(len(p.args[flatPos].([]string)))
					}
				}
				args = append(args, out)
			default:
				panic(fmt.Sprintf("postgres: batch argument %d of type %T", pos, col))
			}
		}
	}
	table(argEntities, argMentions, true, false, argRoleOff, argRoles)
	table(argMentions, argQuotes, false, false, -1, -1)
	table(argQuotes, argEvents, true, false, argHedgeOff, argHedges)
	table(argEvents, argEnd, true, true, -1, -1)
	return args
}

func p0(preps []*prepared, pos int) any { return preps[0].args[pos] }

func length(v any) int {
	switch v := v.(type) {
	case []string:
		return len(v)
	case []int32:
		return len(v)
	case []float64:
		return len(v)
	}
	panic(fmt.Sprintf("postgres: length of %T", v))
}

// nonNil makes an empty slice non-nil: pgx sends a nil slice as NULL.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// params hands out numbered, typed parameter placeholders ($1::text, …) in the order the
// statement text is written, so that text and argument order are built side by side.
type params struct{ n int }

func (p *params) one(typ string) string {
	p.n++
	return fmt.Sprintf("$%d::%s", p.n, typ)
}

func (p *params) many(typ string, k int) string {
	s := make([]string, k)
	for i := range s {
		s[i] = p.one(typ)
	}
	return strings.Join(s, ", ")
}
