package store

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"masthead/internal/cachekey"
)

// Deep pages of an index (a section, tag, author or archive month) are read
// from a keyset position, not with an OFFSET that reads every row before
// them. A page number stays what it is in the URL, so it stays cacheable; the
// store maps it to a position with a mark table per list: the (published_at,
// id) of every markStride-th article, newest first, and how many there are.
// A page then costs one index range read from the mark at or before it and
// at most markStride-1 skipped rows, and a page past the end costs nothing.
//
// Why a table in memory rather than an ordinal kept in the database: an
// ordinal per list would have to be renumbered for every article newer than
// one published, unpublished or backdated (a hundred thousand rows for an
// old story taken down), and there is one list per section, tag, author and
// month. The marks are built by one read of the list's index (tens of
// milliseconds for the whole archive of 100,000) the first time a deep page
// is asked for after the list changed, and forgotten by the same change keys
// that purge the page cache, on this node and, through LISTEN, the others.
type pageMarks struct {
	mu sync.Mutex
	// gen counts the changes heard; marks read before one are not kept.
	gen uint64
	m   map[string]listMarks
}

// listMarks is one list's mark table.
type listMarks struct {
	n    int       // published articles in the list
	keys []listKey // the keys of articles 0, markStride, 2×markStride, …
}

type listKey struct{ at, id int64 }

// markStride is the distance between marks: a deep page skips fewer than
// this many index entries after its mark. Offsets below it are read with a
// plain OFFSET, which costs no more.
const markStride = 100

// pageMarksLists bounds the lists remembered (a few kilobytes each, but
// archive ranges are many); past it the table starts again empty.
const pageMarksLists = 1024

func (p *pageMarks) get(list string) (listMarks, bool, uint64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	m, ok := p.m[list]
	return m, ok, p.gen
}

func (p *pageMarks) put(gen uint64, list string, m listMarks) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if gen != p.gen {
		return
	}
	if p.m == nil || len(p.m) >= pageMarksLists {
		p.m = map[string]listMarks{}
	}
	p.m[list] = m
}

// forget drops every list's marks when a change names any list: lists
// change only when articles are published, unpublished or moved, which is
// rare next to reads, and a list that is asked for again is rebuilt.
func (p *pageMarks) forget(keys []string, _ bool) {
	for _, k := range keys {
		if k == cachekey.Everything || strings.HasPrefix(k, "list:") {
			p.mu.Lock()
			p.gen++
			p.m = nil
			p.mu.Unlock()
			return
		}
	}
}

// listMarksFor returns the marks of the list that from and where (the
// teaser query's joins and conditions over articles a) select, building
// them when they are not known.
func (s *Store) listMarksFor(ctx context.Context, list, from, where string, args []any) (listMarks, error) {
	m, ok, gen := s.pageMarks.get(list)
	if ok {
		return m, nil
	}
	rows, err := s.read.QueryContext(ctx, `SELECT n, at, id, total FROM (SELECT a.published_at AS at, a.id AS id,
		ROW_NUMBER() OVER (ORDER BY a.published_at DESC, a.id DESC) - 1 AS n, COUNT(*) OVER () AS total`+from+
		` WHERE a.status = 'published'`+where+`) m WHERE n % `+fmt.Sprint(markStride)+` = 0 ORDER BY n`, args...)
	if err != nil {
		return listMarks{}, err
	}
	defer rows.Close()
	for rows.Next() {
		var n int
		var k listKey
		if err := rows.Scan(&n, &k.at, &k.id, &m.n); err != nil {
			return listMarks{}, err
		}
		m.keys = append(m.keys, k)
	}
	if err := rows.Err(); err != nil {
		return listMarks{}, err
	}
	s.pageMarks.put(gen, list, m)
	return m, nil
}
