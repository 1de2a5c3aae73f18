package runbook

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// Every API string is sanitized before it reaches a report: a name or log
// line carrying an OSC 52 clipboard write or a title change must not survive.
func TestReportsStripEscapeSequences(t *testing.T) {
	evil := "prod\x1b]52;c;ZXZpbA==\x07-s3\x1b[2J"
	f := baseFacts()
	f.Origin.Name = "orders\x1b]0;pwned\x07"
	f.Index.Sources[11].Name = evil
	f.Resources[0].Name = evil
	failRuns(f, resKey{nexla.DataSources, 11}, 5, 0)
	f.Probes[100] = ProbeOutcome{Credential: ResourceRef{RT: nexla.DataCredentials, ID: 100, Name: evil}, HTTPStatus: 403, Message: "denied\x1b[31m"}
	logLine(f, "SOURCE\x1b[1m", "ERROR", "403 Forbidden \x1b]52;c;AAAA\x07")
	r := Analyze(f)
	var md, js bytes.Buffer
	if err := WriteMarkdown(&md, r); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(&js, r); err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"markdown": md.String(), "json": js.String()} {
		if strings.ContainsAny(out, "\x1b\x07") || strings.Contains(out, `\u001b`) || strings.Contains(out, `\u0007`) {
			t.Errorf("%s report carries control characters:\n%s", name, out)
		}
	}
	if !strings.Contains(md.String(), "**Credential expired**") || strings.Contains(md.String(), "credential_expired") {
		t.Fatalf("markdown should title the cause for people, without the key:\n%s", md.String())
	}
	if !strings.Contains(js.String(), `"cause": "credential_expired"`) || !strings.Contains(js.String(), `"title": "Credential expired"`) {
		t.Fatalf("json should keep the cause key next to its title:\n%s", js.String())
	}
}

// Cancelling the context stops every call: the stream closes.
type blockingAPI struct{ nexla.API }

func (blockingAPI) WhoAmI(ctx context.Context) (*nexla.CurrentUser, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

func (blockingAPI) GetFlow(ctx context.Context, _ int64, _ nexla.FlowGetOptions) (*nexla.FlowResponse, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

func TestCancelStopsCollection(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	ch := Collect(ctx, blockingAPI{}, Target{RT: nexla.Flows, ID: 1}, Options{})
	f := NewFacts(Target{RT: nexla.Flows, ID: 1}, Options{})
	(<-ch).Apply(f) // a start event: the calls are under way
	cancel()
	// The stream must close (the test would hang otherwise); events after the
	// cancel may be dropped, since nobody is reading for them.
	for range ch {
	}
}
