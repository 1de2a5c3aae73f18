package nexla

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"sync"
)

// pageResult is one fetched page.
type pageResult[T any] struct {
	items []T
	resp  *response
	err   error
}

// pager lists one resource path page by page. The first page tells how many
// pages there are (X-Total-Count or X-Total-Page-Count); the rest are then
// fetched concurrently and delivered in order. Without a total, a Link
// rel="Next" or a full page means "maybe more": the next pages are fetched in
// speculative batches until a short page ends the list.
type pager[T any] struct {
	c           *Client
	path        string
	query       url.Values
	perPage     int
	concurrency int
	limit       int
	// single: each page's body is one T object (GET /flows), not a bare
	// array; size then counts the listed items in it (the flows), which is
	// what per_page, short pages and totals are about.
	single bool
	size   func(items []T) int
}

// count is the number of listed items in a page.
func (p pager[T]) count(items []T) int {
	if p.size != nil {
		return p.size(items)
	}
	return len(items)
}

func newPager[T any](c *Client, path string, q url.Values, o ListOptions) pager[T] {
	p := pager[T]{c: c, path: path, query: q, perPage: o.PerPage, concurrency: o.Concurrency, limit: o.Limit}
	if p.perPage <= 0 {
		p.perPage = DefaultPerPage
	}
	if p.concurrency <= 0 {
		p.concurrency = c.concurrency
	}
	return p
}

func (p pager[T]) fetch(ctx context.Context, page int) pageResult[T] {
	q := url.Values{}
	for k, v := range p.query {
		q[k] = v
	}
	q.Set("page", strconv.Itoa(page))
	q.Set("per_page", strconv.Itoa(p.perPage))
	req := request{method: http.MethodGet, path: p.path, query: q, retry: true}
	if p.single {
		var one T
		resp, err := p.c.call(ctx, req, &one)
		if err != nil {
			return pageResult[T]{resp: resp, err: err}
		}
		return pageResult[T]{items: []T{one}, resp: resp}
	}
	var items []T
	resp, err := p.c.call(ctx, req, &items)
	return pageResult[T]{items: items, resp: resp, err: err}
}

// run delivers pages in order to emit until the list ends, emit returns
// false, the limit is reached or ctx is done.
func (p pager[T]) run(ctx context.Context, emit func(Page[T]) bool) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	first := p.fetch(ctx, 1)
	if first.err != nil {
		return first.err
	}
	total, totalPages, known := totals(first.resp.header, p.perPage)
	loaded := 0
	deliver := func(n int, items []T) bool {
		more := true
		if p.limit > 0 && loaded+len(items) >= p.limit {
			items, more = items[:p.limit-loaded], false
		}
		loaded += p.count(items)
		return emit(Page[T]{Items: items, Number: n, Loaded: loaded, Total: total}) && more
	}
	if !deliver(1, first.items) {
		return nil
	}
	if p.limit > 0 {
		totalPages = min(totalPages, (p.limit+p.perPage-1)/p.perPage)
	}
	switch {
	case known && totalPages > 1:
		return p.fetchKnown(ctx, 2, totalPages, deliver)
	case !known && p.hasMore(first):
		return p.fetchUnknown(ctx, deliver)
	}
	return nil
}

// hasMore: without a total, a Link header decides (the server names a Next
// page or, by leaving it out, says this is the last one, contract §3.1);
// without Link either, a full page suggests more.
func (p pager[T]) hasMore(r pageResult[T]) bool {
	if len(r.resp.header.Values("Link")) > 0 {
		return linkNext(r.resp.header)
	}
	return p.count(r.items) == p.perPage
}

// fetchKnown fetches pages from..to with at most p.concurrency requests in
// flight and at most 2*p.concurrency pages buffered ahead of delivery.
func (p pager[T]) fetchKnown(ctx context.Context, from, to int, deliver func(int, []T) bool) error {
	n := to - from + 1
	slots := make([]chan pageResult[T], n)
	for i := range slots {
		slots[i] = make(chan pageResult[T], 1)
	}
	inflight := make(chan struct{}, p.concurrency)
	window := make(chan struct{}, 2*p.concurrency)
	var wg sync.WaitGroup
	defer wg.Wait()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < n; i++ {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case inflight <- struct{}{}:
			case <-ctx.Done():
				return
			}
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				r := p.fetch(ctx, from+i)
				<-inflight
				slots[i] <- r
			}(i)
		}
	}()
	for i := 0; i < n; i++ {
		var r pageResult[T]
		select {
		case r = <-slots[i]:
		case <-ctx.Done():
			return ctx.Err()
		}
		<-window
		if r.err != nil {
			return r.err
		}
		if !deliver(from+i, r.items) {
			return nil
		}
		if p.count(r.items) == 0 {
			return nil // the list shrank while we paged
		}
	}
	return nil
}

// fetchUnknown pages without a known total, a batch of p.concurrency pages at
// a time, until a short page (or a page without Link rel="Next") ends it.
func (p pager[T]) fetchUnknown(ctx context.Context, deliver func(int, []T) bool) error {
	// The page cap stops a server that ignores `page` (always a full page)
	// from keeping us busy forever.
	for next := 2; next <= maxPages; next += p.concurrency {
		batch := make([]pageResult[T], p.concurrency)
		var wg sync.WaitGroup
		for i := range batch {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				batch[i] = p.fetch(ctx, next+i)
			}(i)
		}
		wg.Wait()
		for i, r := range batch {
			if r.err != nil {
				return r.err
			}
			if p.count(r.items) > 0 && !deliver(next+i, r.items) {
				return nil
			}
			if !p.hasMore(r) || p.count(r.items) == 0 {
				return nil
			}
		}
	}
	return nil
}

// maxPages bounds listings without a known total (100,000 pages).
const maxPages = 100000

// totals reads X-Total-Count (preferred) or X-Total-Page-Count; known is
// false when neither header is usable.
func totals(h http.Header, perPage int) (total, pages int, known bool) {
	if n, err := strconv.Atoi(h.Get("X-Total-Count")); err == nil && n >= 0 {
		return n, (n + perPage - 1) / perPage, true
	}
	if n, err := strconv.Atoi(h.Get("X-Total-Page-Count")); err == nil && n >= 0 {
		return 0, n, true
	}
	return 0, 0, false
}

var linkNextRE = regexp.MustCompile(`(?i)rel="?next"?`)

func linkNext(h http.Header) bool {
	for _, v := range h.Values("Link") {
		if linkNextRE.MatchString(v) {
			return true
		}
	}
	return false
}

// listAll collects every page.
func listAll[T any](ctx context.Context, c *Client, path string, q url.Values, o ListOptions) ([]T, error) {
	var all []T
	err := newPager[T](c, path, q, o).run(ctx, func(p Page[T]) bool {
		if all == nil && p.Total > 0 {
			n := p.Total
			if o.Limit > 0 && o.Limit < n {
				n = o.Limit
			}
			all = make([]T, 0, n)
		}
		all = append(all, p.Items...)
		return true
	})
	if all == nil && err == nil {
		all = []T{}
	}
	return all, err
}

// streamPages runs the pager in a goroutine and sends pages on a channel; the
// last value has Done set. Sends give up when ctx is done.
func streamPages[T any](ctx context.Context, c *Client, path string, q url.Values, o ListOptions) <-chan Page[T] {
	return streamPager(ctx, newPager[T](c, path, q, o))
}

// streamPager is streamPages over a pager already set up.
func streamPager[T any](ctx context.Context, pg pager[T]) <-chan Page[T] {
	ch := make(chan Page[T], 1)
	go func() {
		defer close(ch)
		var last Page[T]
		err := pg.run(ctx, func(p Page[T]) bool {
			last = p
			select {
			case ch <- p:
				return true
			case <-ctx.Done():
				return false
			}
		})
		if err == nil {
			err = ctx.Err()
		}
		done := Page[T]{Number: last.Number, Loaded: last.Loaded, Total: last.Total, Done: true, Err: err}
		select {
		case ch <- done:
		case <-ctx.Done():
			// Nobody listens any more; still try a non-blocking send so a
			// reader draining after cancel sees Done.
			select {
			case ch <- done:
			default:
			}
		}
	}()
	return ch
}
