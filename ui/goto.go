package ui

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/safetext"
)

// Goto is where a `:` line points when it names no route word: a bare id
// (":800012", of a kind still to find), an id of a known kind (a pasted
// console URL), or a flow by name (":flow stripe").
type Goto struct {
	RT   nexla.ResourceType // "" for a bare id: the lookup finds its kind
	ID   int64
	Name string // a flow's name, matched over the flows listing
}

// ParseGoto reads the `:` lines the route words do not cover: a bare id, a
// pasted console URL, or ":flow <name>". ok is false for any other line
// (the route table parses it); err says why a URL names no resource.
func ParseGoto(rs Routes, line string) (g Goto, ok bool, err error) {
	fields := strings.Fields(line)
	if len(fields) == 0 {
		return Goto{}, false, nil
	}
	if id, isID := positiveID(fields[0]); isID && len(fields) == 1 {
		return Goto{ID: id}, true, nil
	}
	if len(fields) == 1 && looksLikeURL(fields[0]) {
		g, err := ParseConsoleURL(fields[0])
		return g, true, err
	}
	if c, found := rs.find(strings.ToLower(fields[0])); found && c.NeedsID && c.Route.RT == nexla.Flows && len(fields) > 1 {
		if _, isID := positiveID(fields[1]); !isID || len(fields) > 2 {
			return Goto{RT: nexla.Flows, Name: strings.Join(fields[1:], " ")}, true, nil
		}
	}
	return Goto{}, false, nil
}

func positiveID(s string) (int64, bool) {
	if s == "" || s[0] < '0' || s[0] > '9' {
		return 0, false
	}
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil && id > 0
}

// looksLikeURL is true for a pasted address: a scheme, a console host, or
// the console's "#/" routes.
func looksLikeURL(s string) bool {
	l := strings.ToLower(s)
	return strings.Contains(l, "://") || strings.Contains(l, "#/") || strings.HasPrefix(l, "dataops.") ||
		strings.Contains(l, ".nexla.io/") || strings.Contains(l, ".nexla.com/")
}

// consoleKinds are the path words of Nexla console URLs (the scheme is not
// documented: the common shapes, in either spelling, dashes or underscores).
var consoleKinds = map[string]nexla.ResourceType{
	"flows": nexla.Flows, "flow": nexla.Flows, "data_flows": nexla.Flows, "dataflows": nexla.Flows,
	"data_flow": nexla.Flows, "custom_data_flows": nexla.Flows,
	"sources": nexla.DataSources, "source": nexla.DataSources, "data_sources": nexla.DataSources, "data_source": nexla.DataSources,
	"nexsets": nexla.DataSets, "nexset": nexla.DataSets, "data_sets": nexla.DataSets, "data_set": nexla.DataSets,
	"datasets": nexla.DataSets, "dataset": nexla.DataSets, "sets": nexla.DataSets,
	"destinations": nexla.DataSinks, "destination": nexla.DataSinks, "data_sinks": nexla.DataSinks,
	"data_sink": nexla.DataSinks, "sinks": nexla.DataSinks, "sink": nexla.DataSinks,
	"credentials": nexla.DataCredentials, "credential": nexla.DataCredentials,
	"data_credentials": nexla.DataCredentials, "data_credential": nexla.DataCredentials,
}

// consoleParams are the query keys that name a resource ("?flowId=800012").
var consoleParams = map[string]nexla.ResourceType{
	"flow_id": nexla.Flows, "flowid": nexla.Flows, "data_flow_id": nexla.Flows,
	"source_id": nexla.DataSources, "sourceid": nexla.DataSources, "data_source_id": nexla.DataSources,
	"nexset_id": nexla.DataSets, "nexsetid": nexla.DataSets, "data_set_id": nexla.DataSets, "dataset_id": nexla.DataSets,
	"destination_id": nexla.DataSinks, "sink_id": nexla.DataSinks, "data_sink_id": nexla.DataSinks,
	"credential_id": nexla.DataCredentials, "data_credential_id": nexla.DataCredentials,
}

// ParseConsoleURL finds the resource a Nexla console URL shows, from its
// path and its "#/" route: the deepest "<kind>/<id>" pair
// (".../#/flows/800012/nexsets/100006" is the nexset), else a query key
// ("?flowId=800012"), else its one number (a bare id, kind to be found).
func ParseConsoleURL(raw string) (Goto, error) {
	s := strings.TrimSpace(raw)
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return Goto{}, fmt.Errorf("not a URL: %v", err)
	}
	// The console routes in the fragment ("#/flows/1?tab=x"): read it as a
	// path with a query of its own.
	frag, fragQuery, _ := strings.Cut(u.Fragment, "?")
	segs := append(splitPath(u.Path), splitPath(frag)...)
	var found Goto
	var numbers []int64
	for i, seg := range segs {
		if id, ok := positiveID(seg); ok {
			numbers = append(numbers, id)
			if i > 0 {
				if rt, ok := consoleKinds[strings.ReplaceAll(strings.ToLower(segs[i-1]), "-", "_")]; ok {
					found = Goto{RT: rt, ID: id}
				}
			}
		}
	}
	if found.ID != 0 {
		return found, nil
	}
	for _, q := range []string{u.RawQuery, fragQuery} {
		vals, _ := url.ParseQuery(q)
		for k, vs := range vals {
			rt, ok := consoleParams[strings.ReplaceAll(strings.ToLower(k), "-", "_")]
			if id, isID := positiveID(firstOf(vs)); ok && isID {
				return Goto{RT: rt, ID: id}, nil
			}
		}
	}
	if len(numbers) == 1 {
		return Goto{ID: numbers[0]}, nil
	}
	return Goto{}, fmt.Errorf("no flow or resource id in the URL %q (paste one ending in /flows/ID, /sources/ID, /nexsets/ID, /destinations/ID or /credentials/ID, or type the id)", cutURL(raw))
}

func splitPath(p string) []string {
	var out []string
	for _, s := range strings.Split(p, "/") {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func firstOf(vs []string) string {
	if len(vs) == 0 {
		return ""
	}
	return vs[0]
}

// cutURL is a pasted URL fit for a message: sanitized, and cut on a rune
// boundary.
func cutURL(s string) string {
	s = safetext.Clean(s)
	if r := []rune(s); len(r) > 80 {
		return string(r[:77]) + safetext.Ellipsis
	}
	return s
}

// RouteOf is where a resolved Goto opens, the way `nexla-tui flow ID` does:
// a flow's runbook (the page pointed at a flow in trouble), a resource's
// detail.
func RouteOf(rt nexla.ResourceType, id int64) Route {
	if rt == nexla.Flows {
		return Route{Kind: RouteRunbook, RT: nexla.Flows, ID: id}
	}
	return Route{Kind: RouteDetail, RT: rt, ID: id}
}
