package simtest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strconv"
	"testing"
)

// Rewriting serves the simulator through a proxy that replaces the string
// value old with new in every response body (both JSON-encoded, so the
// bodies stay valid JSON), and returns the proxy's base URL (the shape of
// Env.URL). It is the fixture for values the seeded org never holds: a
// resource name 10 MB long, or full of escape sequences and bidi overrides,
// arriving over real HTTP like any other answer.
func (e *Env) Rewriting(t testing.TB, old, new string) string {
	t.Helper()
	from, to := jsonText(old), jsonText(new)
	target, err := url.Parse(e.Root)
	if err != nil {
		t.Fatal(err)
	}
	p := httputil.NewSingleHostReverseProxy(target)
	// Plain bodies, so the rewrite sees the JSON text.
	p.Transport = &http.Transport{DisableCompression: true}
	director := p.Director
	p.Director = func(r *http.Request) { director(r); r.Header.Del("Accept-Encoding") }
	p.ModifyResponse = func(resp *http.Response) error {
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return err
		}
		b = bytes.ReplaceAll(b, from, to)
		resp.Body = io.NopCloser(bytes.NewReader(b))
		resp.ContentLength = int64(len(b))
		resp.Header.Set("Content-Length", strconv.Itoa(len(b)))
		return nil
	}
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	return srv.URL + "/nexla-api"
}

// jsonText is s as it appears between the quotes of a JSON string.
func jsonText(s string) []byte {
	b, _ := json.Marshal(s)
	return b[1 : len(b)-1]
}
