package cli

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla/sim"
)

// lockedBuffer lets the test read what the running command writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestSimCommandPrintsEnvAndServes(t *testing.T) {
	out, errOut := &lockedBuffer{}, &lockedBuffer{}
	g := &Globals{IO: IO{In: strings.NewReader(""), Out: out, Err: errOut}}
	root := NewRootCommand(g)
	root.SetArgs([]string{"sim", "--seed", "4", "--speed", "60"})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- root.ExecuteContext(ctx) }()

	var lines []string
	for i := 0; i < 200 && len(lines) < 4; i++ {
		time.Sleep(10 * time.Millisecond)
		lines = strings.Split(strings.TrimSpace(out.String()), "\n")
		if lines[0] == "" {
			lines = nil
		}
	}
	// The first two lines stay what scripts eval; the other identities follow.
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "NEXLA_API_URL=http://127.0.0.1:") || !strings.HasPrefix(lines[1], "NEXLA_SERVICE_KEY=") ||
		!strings.HasPrefix(lines[2], "NEXLA_SERVICE_KEY_COLLABORATOR=") || !strings.HasPrefix(lines[3], "NEXLA_SERVICE_KEY_EMPTY_ORG=") {
		cancel()
		t.Fatalf("first lines = %q (stderr %q)", lines, errOut.String())
	}
	url := strings.TrimPrefix(lines[0], "NEXLA_API_URL=")
	for _, line := range lines[1:] {
		key := line[strings.IndexByte(line, '=')+1:]
		req, _ := http.NewRequest(http.MethodPost, url+"/token", nil)
		req.Header.Set("Authorization", "Basic "+key)
		resp, err := http.DefaultClient.Do(req)
		if err != nil || resp.StatusCode != 200 {
			t.Errorf("POST /token with %s against the served sim: %v %v", line, err, resp)
		} else {
			resp.Body.Close()
		}
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("sim returned %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("sim did not stop when its context ended")
	}
}

func TestSimCommandBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"sim", "--addr", "0.0.0.0:0"},
		{"sim", "--addr", "nonsense"},
		{"sim", "--speed", "0"},
		{"sim", "--error-rate", "1.5"},
		{"sim", "--drop-rate", "-1"},
		{"sim", "--flows", "-3"},
		{"sim", "--flows", "5000000"},
		{"sim", "--token-lifetime", "0s"},
		{"sim", "--latency", "soon"},
		{"sim", "--log-unit", "minutes"},
		{"sim", "--run-order", "newest"},
		{"sim", "--metrics-status", "200"},
		{"demo", "--log-unit", "us"},
		{"demo", "--run-order", "random"},
		{"demo", "--metrics-status", "-1"},
		{"sim", "--storm-429", "10s"},
		{"sim", "--storm-429", "10s/20s"},
		{"sim", "--latency-spike", "30s/5s/soon"},
		{"sim", "--lose-answer", "teapot"},
		{"sim", "--lose-answer", "504@2:/flows/*/pause"},
	} {
		var out, errOut bytes.Buffer
		code := Main(args, IO{In: strings.NewReader(""), Out: &out, Err: &errOut}, "test")
		if code != 2 || errOut.Len() == 0 || out.Len() != 0 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out.String(), errOut.String())
		}
	}
}

func TestSimDrillFlagsSetTheFaults(t *testing.T) {
	var f sim.Faults
	d := drillFlags{storm: "60s/10s", spike: "30s/5s/2s", lose: []string{"504:/flows/*/pause", "drop@0.3"}}
	if err := d.apply(&f); err != nil {
		t.Fatal(err)
	}
	if f.Storm429.Every != time.Minute || f.LatencySpike.Delay != 2*time.Second || len(f.LoseAnswers) != 2 ||
		f.LoseAnswers[0].Path != "/flows/*/pause" || f.LoseAnswers[1].Rate != 0.3 || f.Validate() != nil {
		t.Fatalf("faults %+v", f)
	}
}
