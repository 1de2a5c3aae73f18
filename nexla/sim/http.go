package sim

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// commonHeaders are what the Rails API controller sets on every answer.
func commonHeaders(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Pragma", "no-cache")
	h.Set("Cache-Control", "no-store")
	h.Set("Access-Control-Expose-Headers", "Link, X-Total-Count, X-Current-Page, X-Page-Count, X-Total-Page-Count")
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := appendJSON(nil, v)
	if err != nil {
		writeMessage(w, http.StatusInternalServerError, "Oops, something went wrong: "+err.Error())
		return
	}
	commonHeaders(w)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// writeEmpty answers with no body, as Rails' head :status does.
func writeEmpty(w http.ResponseWriter, status int) {
	commonHeaders(w)
	w.Header().Set("Content-Length", "0")
	w.WriteHeader(status)
}

// writeMessage is the ApiError shape: {"message": ...}.
func writeMessage(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]any{"message": msg})
}

// badParam answers 400 with the validation message.
func badParam(w http.ResponseWriter, format string, a ...any) {
	writeMessage(w, http.StatusBadRequest, fmt.Sprintf(format, a...))
}

// truthy reads a boolean parameter: 1/0, true/false in any case (the SDK
// sends Python's True/False).
func truthy(q url.Values, name string) (val, present bool, err error) {
	raw, ok := q[name]
	if !ok || len(raw) == 0 {
		return false, false, nil
	}
	switch strings.ToLower(strings.TrimSpace(raw[0])) {
	case "1", "true", "yes", "on":
		return true, true, nil
	case "0", "false", "no", "off", "":
		return false, true, nil
	}
	return false, true, fmt.Errorf("Invalid value '%s' for '%s': use 1/0 or true/false", raw[0], name)
}

// flags reads several boolean parameters, answering 400 on the first bad one.
func flags(w http.ResponseWriter, q url.Values, names ...string) (map[string]bool, bool) {
	out := make(map[string]bool, len(names))
	for _, n := range names {
		v, _, err := truthy(q, n)
		if err != nil {
			writeMessage(w, http.StatusBadRequest, err.Error())
			return nil, false
		}
		out[n] = v
	}
	return out, true
}

// intParam reads an integer parameter; min bounds it from below.
func intParam(q url.Values, name string, min int64) (v int64, present bool, err error) {
	raw := strings.TrimSpace(q.Get(name))
	if raw == "" {
		return 0, false, nil
	}
	n, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || n < min {
		return 0, true, fmt.Errorf("Invalid value '%s' for '%s': expected an integer >= %d", raw, name, min)
	}
	return n, true, nil
}

// idHandler serves a path with an {id} segment, already parsed.
type idHandler func(w http.ResponseWriter, r *http.Request, id int64)

// withID parses the {id} path value; a non-numeric or non-positive id is a
// 404 with no body, as in Rails.
func withID(h idHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if err != nil || id <= 0 {
			writeEmpty(w, http.StatusNotFound)
			return
		}
		h(w, r, id)
	}
}

// found writes Rails' 404 (head :not_found, no body) unless ok, and returns ok.
func found(w http.ResponseWriter, ok bool) bool {
	if !ok {
		writeEmpty(w, http.StatusNotFound)
	}
	return ok
}

// epochParam reads from/to as epoch seconds or milliseconds (>= 1e11 is ms),
// or an ISO date/datetime.
func epochParam(q url.Values, name string) (time.Time, bool, error) {
	raw := strings.TrimSpace(q.Get(name))
	if raw == "" {
		return time.Time{}, false, nil
	}
	if n, err := strconv.ParseInt(raw, 10, 64); err == nil {
		if n >= 1e11 {
			return time.UnixMilli(n).UTC(), true, nil
		}
		return time.Unix(n, 0).UTC(), true, nil
	}
	return dateParamValue(raw, name)
}

// dateParam reads a date ("2026-01-10") or datetime parameter; numbers are epoch s/ms.
func dateParam(q url.Values, name string) (time.Time, bool, error) {
	return epochParam(q, name)
}

func dateParamValue(raw, name string) (time.Time, bool, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, raw); err == nil {
			return t.UTC(), true, nil
		}
	}
	return time.Time{}, true, fmt.Errorf("Invalid '%s' date format: %q", name, raw)
}

// pageWindow applies Nexla list pagination (§3.1) for n items and writes the
// headers. Without page/per_page every item is returned. ok=false means a
// 400 was written.
func pageWindow(w http.ResponseWriter, r *http.Request, n int) (lo, hi int, ok bool) {
	page, per, given, ok := pageParams(w, r.URL.Query(), "per_page", 10)
	if !ok {
		return 0, 0, false
	}
	h := w.Header()
	h.Set("X-Total-Count", strconv.Itoa(n))
	if !given {
		return 0, n, true
	}
	pages := pageCount(n, per)
	lo, hi = window(n, page, per)
	h.Set("X-Current-Page", strconv.FormatInt(page, 10))
	h.Set("X-Page-Count", strconv.Itoa(hi-lo))
	h.Set("X-Total-Page-Count", strconv.FormatInt(pages, 10))
	var links []string
	if page > 1 {
		links = append(links, fmt.Sprintf("<%s>; rel=\"Previous\"", pageURL(r, page-1, per)))
	}
	if page < pages {
		links = append(links, fmt.Sprintf("<%s>; rel=\"Next\"", pageURL(r, page+1, per)))
	}
	if len(links) > 0 {
		h.Set("Link", strings.Join(links, ", "))
	}
	return lo, hi, true
}

// pageParams reads page (default 1) and a page size parameter (default def);
// given reports whether either was sent. ok=false means a 400 was written.
func pageParams(w http.ResponseWriter, q url.Values, sizeName string, def int64) (page, size int64, given, ok bool) {
	page, hasPage, err := intParam(q, "page", 1)
	if err != nil {
		badParam(w, "%v", err)
		return 0, 0, false, false
	}
	size, hasSize, err := intParam(q, sizeName, 1)
	if err != nil {
		badParam(w, "%v", err)
		return 0, 0, false, false
	}
	if !hasPage {
		page = 1
	}
	if !hasSize {
		size = def
	}
	return page, size, hasPage || hasSize, true
}

// bodyPage is pageParams for endpoints that page inside the body (always paged).
func bodyPage(w http.ResponseWriter, q url.Values, sizeName string, def int64) (page, size int64, ok bool) {
	page, size, _, ok = pageParams(w, q, sizeName, def)
	return page, size, ok
}

// flowPage reads the paging of flow logs and metrics: page and per_page (the
// SDK's name) or size (the backend's), 100 by default.
func flowPage(w http.ResponseWriter, q url.Values) (page, size int64, ok bool) {
	per := "per_page"
	if !q.Has(per) && q.Has("size") {
		per = "size"
	}
	return bodyPage(w, q, per, 100)
}

// window is the [lo, hi) range of the 1-based page of size items out of
// total. page and size come straight from the query string, so nothing here
// may overflow: any page past the end is empty.
func window(total int, page, size int64) (lo, hi int) {
	if page < 1 || size < 1 || page-1 > int64(total)/size {
		return total, total
	}
	lo = int((page - 1) * size) // <= total: no overflow
	if size >= int64(total-lo) {
		return lo, total
	}
	return lo, lo + int(size)
}

// pageCount is ceil(total/size) without the overflow of (total+size-1)/size.
func pageCount(total int, size int64) int64 {
	if total <= 0 || size < 1 {
		return 0
	}
	return (int64(total)-1)/size + 1
}

func pageURL(r *http.Request, page, per int64) string {
	q := r.URL.Query()
	q.Set("page", strconv.FormatInt(page, 10))
	q.Set("per_page", strconv.FormatInt(per, 10))
	prefix, _ := r.Context().Value(prefixKey).(string)
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + prefix + r.URL.Path + "?" + q.Encode()
}

func isoTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}
