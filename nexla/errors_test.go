package nexla

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

// Every status the server uses, with an empty body and with the Rails JSON
// envelope, maps to the SDK's error kind and keeps method, path (no query),
// status, message, error code and request id.
func TestStatusMapping(t *testing.T) {
	cases := []struct {
		status int
		kind   ErrorKind
	}{
		{400, KindValidation}, {401, KindAuthentication}, {403, KindAuthorization}, {404, KindNotFound},
		{405, KindServer}, {409, KindConflict}, {422, KindServer}, {423, KindServer}, {429, KindRateLimit},
		{500, KindServer}, {502, KindServer}, {503, KindServer}, {504, KindServer},
	}
	for _, tc := range cases {
		for _, body := range []string{"", `{"message":"Flow is rate limited","error_code":"E42","status":` + itoa(tc.status) + `}`} {
			s := newAPIServer(t)
			s.handle("GET /data_sources/9", func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("X-Request-Id", "req-123")
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(body))
			})
			// Access-token mode: a 401 is final, no re-auth in the way.
			c, err := New(Settings{BaseURL: s.URL, AccessToken: testToken}, WithClock(newFakeClock()), WithRetry(0, 0, 0))
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.GetSource(context.Background(), 9, true)
			ae, ok := err.(*APIError)
			if !ok {
				t.Fatalf("%d %q: not an *APIError: %v", tc.status, body, err)
			}
			if ae.Kind != tc.kind || ae.Status != tc.status || ae.Method != "GET" || ae.Path != "/data_sources/9" || ae.RequestID != "req-123" {
				t.Errorf("%d %q: got %+v", tc.status, body, ae)
			}
			if body != "" && (!strings.Contains(ae.Message, "Flow is rate limited") || ae.ErrorCode != "E42") {
				t.Errorf("%d: message %q code %q", tc.status, ae.Message, ae.ErrorCode)
			}
			if strings.Contains(ae.Error(), "expand") {
				t.Errorf("%d: error repeats the query string: %s", tc.status, ae.Error())
			}
			if body == "" && ae.Error() == "" {
				t.Errorf("%d: empty error text", tc.status)
			}
		}
	}
}

func TestErrorBodyVariants(t *testing.T) {
	for body, want := range map[string]string{
		`{"error":"bad thing"}`:                             "bad thing",
		`{"error":"invalid_token","error_description":"x"}`: "invalid_token",
		`{"error_description":"only description"}`:          "only description",
		`{"message":{"name":["is too long"]}}`:              `{"name":["is too long"]}`,
		"plain text failure\n":                              "plain text failure",
		"<html><body>502 Bad Gateway</body></html>":         "",
		`{"message":"evil \u001b]52;c;AAAA\u0007 text"}`:    "evil  text",
		"{not json \x1b[31mred":                             "{not json red",
	} {
		s := newAPIServer(t)
		s.handle("GET /limits", jsonReply(400, body))
		c, _ := newTestClient(t, s)
		_, err := c.testGET(context.Background())
		ae := err.(*APIError)
		if ae.Message != want {
			t.Errorf("body %q: message %q, want %q", body, ae.Message, want)
		}
	}
}

func TestErrorsIsByKind(t *testing.T) {
	s := newAPIServer(t)
	c, _ := newTestClient(t, s, WithRetry(0, 0, time.Millisecond))
	_, err := c.GetFlow(context.Background(), 77, FlowGetOptions{})
	if !IsNotFound(err) {
		t.Fatalf("want not found, got %v", err)
	}
}

func TestInvalidInputCaughtBeforeIO(t *testing.T) {
	s := newAPIServer(t)
	c, _ := newTestClient(t, s)
	ctx := context.Background()
	checks := map[string]error{}
	_, checks["get id 0"] = c.GetSource(ctx, 0, false)
	_, checks["metrics on credential"] = c.DailyMetrics(ctx, DataCredentials, 1, time.Now(), time.Time{})
	_, checks["flow of credential"] = c.GetFlowByResource(ctx, DataCredentials, 1, FlowGetOptions{})
	_, _, checks["remove nobody"] = c.RemoveAccessors(ctx, DataSets, 1, nil)
	_, _, checks["accessor without id"] = c.AddAccessors(ctx, DataSets, 1, []Accessor{{Type: "USER"}})
	_, checks["pause credential"] = c.PauseResource(ctx, DataCredentials, 1)
	for name, err := range checks {
		if KindOf(err) != KindValidation {
			t.Errorf("%s: got %v", name, err)
		}
	}
	if s.total() != 0 {
		t.Fatalf("bad input reached the server (%d requests)", s.total())
	}
}
