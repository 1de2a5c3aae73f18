package ui

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/safetext"
)

// gotoTimeout bounds a lookup: the user waits on it with nothing else shown.
const gotoTimeout = 20 * time.Second

// gotoResolvedMsg is a lookup's answer: a route to open (open), and a toast
// that says what was found, or why nothing opens.
type gotoResolvedMsg struct {
	route Route
	open  bool
	toast *ToastMsg
}

// resolveGoto opens where g points: at once when its kind is known, else
// after a lookup off the update loop (the id's kind, the flow's name).
func (a *App) resolveGoto(g Goto) tea.Cmd {
	if g.RT != "" && g.ID > 0 {
		return a.push(RouteOf(g.RT, g.ID))
	}
	if a.deps.API == nil {
		return a.addToast(ToastError, "not connected: nothing to look up")
	}
	api, role, ctx := a.deps.API, a.deps.AccessRole, a.ctx
	look := func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, gotoTimeout)
		defer cancel()
		if g.Name != "" {
			return findFlowByName(ctx, api, role, g.Name)
		}
		return findID(ctx, api, g.ID)
	}
	what := fmt.Sprintf("id %d", g.ID)
	if g.Name != "" {
		what = fmt.Sprintf("flow %q", safetext.Clean(g.Name))
	}
	return tea.Batch(a.addToast(ToastInfo, "looking up "+what+"…"), look)
}

func (a *App) onGotoResolved(m gotoResolvedMsg) tea.Cmd {
	var cmds []tea.Cmd
	if m.toast != nil {
		cmds = append(cmds, a.addToast(m.toast.Level, safetext.Clean(m.toast.Text)))
	}
	if m.open {
		cmds = append(cmds, a.push(m.route))
	}
	return tea.Batch(cmds...)
}

func failed(level ToastLevel, format string, args ...any) gotoResolvedMsg {
	return gotoResolvedMsg{toast: &ToastMsg{Level: level, Text: fmt.Sprintf(format, args...)}}
}

// idHit is a resource found under the id being looked up.
type idHit struct {
	rt   nexla.ResourceType
	name string
}

// findID asks every kind for id at once: a flow (by any of its node ids),
// a source, a nexset, a destination, a credential. One answer opens it; ids
// shared by two kinds are named so the user can pick.
func findID(ctx context.Context, api nexla.API, id int64) gotoResolvedMsg {
	lookups := []struct {
		rt  nexla.ResourceType
		get func() (string, error)
	}{
		{nexla.Flows, func() (string, error) {
			fr, err := api.GetFlow(ctx, id, nexla.FlowGetOptions{FlowsOnly: true})
			if err != nil || len(fr.Flows) == 0 {
				return "", orNotFound(err)
			}
			return fr.Index().FlowName(fr.Flows[0]), nil
		}},
		{nexla.DataSources, func() (string, error) {
			r, err := api.GetSource(ctx, id, false)
			return nameOf(r, err, func(r *nexla.Source) string { return r.Name })
		}},
		{nexla.DataSets, func() (string, error) {
			r, err := api.GetNexset(ctx, id, false)
			return nameOf(r, err, func(r *nexla.Nexset) string { return r.Name })
		}},
		{nexla.DataSinks, func() (string, error) {
			r, err := api.GetDestination(ctx, id, false)
			return nameOf(r, err, func(r *nexla.Destination) string { return r.Name })
		}},
		{nexla.DataCredentials, func() (string, error) {
			r, err := api.GetCredential(ctx, id, false)
			return nameOf(r, err, func(r *nexla.Credential) string { return r.Name })
		}},
	}
	hits := make([]*idHit, len(lookups))
	errs := make([]error, len(lookups))
	var wg sync.WaitGroup
	for i, l := range lookups {
		wg.Add(1)
		go func() {
			defer wg.Done()
			name, err := l.get()
			switch {
			case err == nil:
				hits[i] = &idHit{rt: l.rt, name: name}
			case !notVisible(err):
				errs[i] = err
			}
		}()
	}
	wg.Wait()
	var found []idHit
	for _, h := range hits {
		if h != nil {
			found = append(found, *h)
		}
	}
	switch {
	case len(found) == 1:
		return gotoResolvedMsg{route: RouteOf(found[0].rt, id), open: true}
	case len(found) > 1:
		var names, cmds []string
		for _, h := range found {
			names = append(names, fmt.Sprintf("%s %q", h.rt.Singular(), h.name))
			cmds = append(cmds, ":"+h.rt.Singular()+" "+itoa64(id))
		}
		return failed(ToastWarn, "id %d is %s: open one with %s", id, strings.Join(names, " and "), strings.Join(cmds, " or "))
	}
	for _, err := range errs {
		if err != nil {
			// Never "no such id" when a lookup could not answer.
			return failed(ToastError, "could not look up id %d: %v", id, err)
		}
	}
	return failed(ToastError, "no flow, source, nexset, destination or credential you can see has id %d", id)
}

// notVisible is a lookup's "not this kind": the id is not one of these, or
// not one the caller may read.
func notVisible(err error) bool {
	k := nexla.KindOf(err)
	return k == nexla.KindNotFound || k == nexla.KindAuthorization
}

func orNotFound(err error) error {
	if err == nil {
		return &nexla.APIError{Kind: nexla.KindNotFound, Status: 404}
	}
	return err
}

// nameOf is a read resource's name, or why it was not read.
func nameOf[T any](r *T, err error, name func(*T) string) (string, error) {
	if err != nil {
		return "", err
	}
	if r == nil {
		return "", orNotFound(nil)
	}
	return name(r), nil
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

// flowMatch is a flow and how well its name matches the query.
type flowMatch struct {
	id    int64
	name  string
	score int
}

// matchScore is how well name matches query, case aside: 4 equal, 3 a
// prefix, 2 a substring, 1 its characters in order, 0 not at all.
func matchScore(name, query string) int {
	return scoreLower(strings.ToLower(name), strings.ToLower(strings.TrimSpace(query)))
}

// scoreLower is matchScore of names already lower-cased.
func scoreLower(n, q string) int {
	switch {
	case q == "":
		return 0
	case n == q:
		return 4
	case strings.HasPrefix(n, q):
		return 3
	case strings.Contains(n, q):
		return 2
	}
	rest := n
	for _, r := range q {
		i := strings.IndexRune(rest, r)
		if i < 0 {
			return 0
		}
		rest = rest[i+len(string(r)):]
	}
	return 1
}

// bestFlows are the flows whose names match query best, best first (a
// shorter name, then a lower id, wins a tie).
func bestFlows(flows []flowMatch, query string) []flowMatch {
	var out []flowMatch
	q := strings.ToLower(strings.TrimSpace(query))
	for _, f := range flows {
		if f.score = scoreLower(strings.ToLower(f.name), q); f.score > 0 {
			out = append(out, f)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.score != b.score {
			return a.score > b.score
		}
		if len(a.name) != len(b.name) {
			return len(a.name) < len(b.name)
		}
		return a.id < b.id
	})
	return out
}

// findFlowByName matches query over the flows listing and opens the best
// flow the way ":flow ID" does.
func findFlowByName(ctx context.Context, api nexla.API, role, query string) gotoResolvedMsg {
	fr, err := api.ListFlows(ctx, nexla.FlowListOptions{FlowsOnly: true, AccessRole: role})
	if err != nil {
		return failed(ToastError, "could not list flows to find %q: %v", query, err)
	}
	ix := fr.Index()
	flows := make([]flowMatch, 0, len(fr.Flows))
	for _, o := range fr.Flows {
		flows = append(flows, flowMatch{id: o.ID, name: ix.FlowName(o)})
	}
	best := bestFlows(flows, query)
	if len(best) == 0 {
		return failed(ToastError, "no flow name matches %q (of %d flows)", query, len(flows))
	}
	m := gotoResolvedMsg{route: Route{Kind: RouteDetail, RT: nexla.Flows, ID: best[0].id}, open: true}
	if n := len(best) - 1; n > 0 {
		m.toast = &ToastMsg{Level: ToastInfo, Text: fmt.Sprintf("flow %q (id %d): %d other flows match %q too (:flows and / lists them)",
			best[0].name, best[0].id, n, query)}
	}
	return m
}
