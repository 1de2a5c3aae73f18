package nexla

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestReadOnlyRefusesEveryMutationBeforeIO(t *testing.T) {
	s := newAPIServer(t)
	s.handle("POST /data_credentials/4/probe/tree", jsonReply(200, `{"status":"ok","output":{}}`))
	clk := newFakeClock()
	c, err := New(Settings{BaseURL: s.URL, ServiceKey: testKey, ReadOnly: true}, WithClock(clk))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	acc := []Accessor{{Type: "USER", ID: 3, AccessRoles: []string{"operator"}}}
	errs := map[string]error{}
	_, _, errs["ActivateFlow"] = c.ActivateFlow(ctx, 1, true)
	_, _, errs["PauseFlow"] = c.PauseFlow(ctx, 1, false)
	_, errs["ActivateResource"] = c.ActivateResource(ctx, DataSources, 1)
	_, errs["PauseResource"] = c.PauseResource(ctx, DataSinks, 1)
	_, _, errs["AddAccessors"] = c.AddAccessors(ctx, DataSets, 1, acc)
	_, _, errs["RemoveAccessors"] = c.RemoveAccessors(ctx, DataSets, 1, acc)
	for name, err := range errs {
		if !errors.Is(err, ErrReadOnly) {
			t.Errorf("%s: got %v, want ErrReadOnly", name, err)
		}
	}
	if n := s.total(); n != 0 {
		t.Fatalf("%d requests reached the server (not even /token may happen)", n)
	}
	// Probe POSTs read; a read-only client still makes them.
	if _, err := c.ProbeTree(ctx, 4, ProbeTreeRequest{Depth: 1}); err != nil {
		t.Fatalf("probe tree refused in read-only: %v", err)
	}
	if !c.ReadOnly() {
		t.Fatal("ReadOnly() false")
	}
}

// TestSecretsNeverPrinted greps every output surface for the service key and
// the session token: errors (including a server that echoes the auth header
// back), fmt verbs on Settings and Client, JSON, and a debug log.
func TestSecretsNeverPrinted(t *testing.T) {
	s := newAPIServer(t)
	s.handle("GET /data_sources/1", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(400)
		_, _ = fmt.Fprintf(w, `{"message":"bad header %s and key %s"}`, r.Header.Get("Authorization"), testKey)
	})
	s.handle("GET /data_credentials/2/probe", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(403)
		_, _ = fmt.Fprintf(w, `{"status":403,"message":"denied for %s"}`, r.Header.Get("Authorization"))
	})
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	settings := Settings{BaseURL: s.URL, ServiceKey: testKey, Profile: "prod"}
	c, err := New(settings, WithClock(newFakeClock()), WithLogger(logger), WithRetry(0, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	_, getErr := c.GetSource(ctx, 1, false)
	probe, probeErr := c.ProbeCredential(ctx, 2)
	if getErr == nil || probeErr != nil || probe.OK {
		t.Fatalf("setup: %v %v %+v", getErr, probeErr, probe)
	}
	logger.Info("settings", "settings", settings, "client", c)
	jsonSettings, _ := json.Marshal(settings)
	var jlogs bytes.Buffer
	slog.New(slog.NewJSONHandler(&jlogs, nil)).Info("s", "settings", settings)

	surfaces := map[string]string{
		"get error":       getErr.Error(),
		"get error %+v":   fmt.Sprintf("%+v", getErr),
		"probe message":   probe.Message,
		"settings %v":     fmt.Sprintf("%v", settings),
		"settings %+v":    fmt.Sprintf("%+v", settings),
		"settings %#v":    fmt.Sprintf("%#v", settings),
		"settings %s":     fmt.Sprintf("%s", settings),
		"settings ptr":    fmt.Sprintf("%+v", &settings),
		"client %+v":      fmt.Sprintf("%+v", c),
		"client %#v":      fmt.Sprintf("%#v", c),
		"settings json":   string(jsonSettings),
		"text log":        logs.String(),
		"json log":        jlogs.String(),
		"access settings": fmt.Sprintf("%v", Settings{AccessToken: testToken}),
	}
	for name, text := range surfaces {
		if strings.Contains(text, testKey) || strings.Contains(text, testToken) {
			t.Errorf("%s leaks a secret: %s", name, text)
		}
	}
	if !strings.Contains(getErr.Error(), "[redacted]") {
		t.Errorf("echoed secrets should be replaced, got %s", getErr.Error())
	}
}

func TestTimeoutIsNetworkErrorWithoutURL(t *testing.T) {
	s := newAPIServer(t)
	release := make(chan struct{})
	s.handle("GET /limits", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	defer close(release)
	c, _ := newTestClient(t, s, WithTimeout(30*time.Millisecond), WithRetry(0, 0, 0))
	_, err := c.testGET(context.Background())
	if KindOf(err) != KindNetwork || !strings.Contains(err.Error(), "no answer within") || strings.Contains(err.Error(), "127.0.0.1") {
		t.Fatalf("got %v", err)
	}
}
