package runbook

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
	rb "github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// probeMsg carries on-demand probe tree and sample answers (step 5, key o).
type probeMsg struct {
	ticket viewkit.Ticket
	lines  []string
}

// maxProbed bounds how many credentials one key press probes.
const maxProbed = 4

// probeDeep asks each credential of the flow for its storage tree (depth 2)
// and a sample, concurrently. Probes only read.
func probeDeep(ctx context.Context, api nexla.API, ticket viewkit.Ticket, creds []rb.ResourceRef) tea.Cmd {
	return func() tea.Msg {
		out := make([][]string, len(creds))
		var wg sync.WaitGroup
		for i, c := range creds {
			wg.Add(1)
			go func() {
				defer wg.Done()
				lines := []string{"probe of " + viewkit.Clean(c.Label()) + ":"}
				if tr, err := api.ProbeTree(ctx, c.ID, nexla.ProbeTreeRequest{Depth: 2}); err != nil {
					lines = append(lines, "  tree: "+viewkit.ErrText(err))
				} else {
					lines = append(lines, "  tree: "+treeSummary(tr.Tree))
				}
				if sm, err := api.ProbeSample(ctx, c.ID, nexla.ProbeSampleRequest{}); err != nil {
					lines = append(lines, "  sample: "+viewkit.ErrText(err))
				} else {
					lines = append(lines, "  sample: "+viewkit.Clean(shortText(compact(sm.Output.Response), 200)))
				}
				out[i] = lines
			}()
		}
		wg.Wait()
		var all []string
		for _, l := range out {
			all = append(all, l...)
		}
		return probeMsg{ticket: ticket, lines: all}
	}
}

// treeSummary lists the top-level names of a probe tree and how many entries sit under each.
func treeSummary(raw json.RawMessage) string {
	var tree map[string]any
	if len(raw) == 0 || json.Unmarshal(raw, &tree) != nil {
		return viewkit.Clean(shortText(compact(raw), 160))
	}
	names := make([]string, 0, len(tree))
	for k, v := range tree {
		n := 0
		if m, ok := v.(map[string]any); ok {
			n = len(m)
		}
		names = append(names, fmt.Sprintf("%s (%d)", viewkit.Clean(k), n))
	}
	sort.Strings(names)
	return shortText(strings.Join(names, ", "), 200)
}

func compact(raw json.RawMessage) string {
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return string(raw)
	}
	if s, ok := v.(string); ok {
		return strings.ReplaceAll(s, "\n", " ⏎ ")
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func shortText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// credentialRefs lists the flow's credentials (from the probes already run).
func (s *Screen) credentialRefs() []rb.ResourceRef {
	ids := make([]int64, 0, len(s.facts.Probes))
	for id := range s.facts.Probes {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	refs := make([]rb.ResourceRef, 0, len(ids))
	for _, id := range ids {
		if len(refs) == maxProbed {
			break
		}
		refs = append(refs, s.facts.Probes[id].Credential)
	}
	return refs
}
