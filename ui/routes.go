package ui

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// RouteSpec is one row of the route table: the `:` word and its aliases,
// the help line, the route it opens, and the screen factory for that route.
// The table is the one source of the command line, its completion, the help
// overlay's command list and the screens the shell can build (views.Routes).
type RouteSpec struct {
	Word    string
	Aliases []string
	Help    string
	// Route is the screen's route; a NeedsID route takes its ID from the
	// command's argument. A Selected route (the runbook) takes RT and ID
	// from the top screen's selection.
	Route    Route
	NeedsID  bool
	Selected bool
	// Top routes are the top-level views (flows, the resource tables,
	// health): opening one replaces everything above the root instead of
	// pushing, as k9s does; the root is never dropped.
	Top bool
	// Build makes the screen; it never does I/O (screens load in Init).
	Build Factory
}

// Routes is the route table.
type Routes []RouteSpec

// words are every spec the command line knows: the table, then the verbs
// the shell answers itself.
func (rs Routes) words() []RouteSpec {
	return append(append([]RouteSpec(nil), rs...),
		RouteSpec{Word: "help", Help: "this help"},
		RouteSpec{Word: "quit", Aliases: []string{"q"}, Help: "quit"})
}

// find is the spec whose word or alias is word.
func (rs Routes) find(word string) (RouteSpec, bool) {
	for _, c := range rs.words() {
		if c.Word == word {
			return c, true
		}
		for _, al := range c.Aliases {
			if al == word {
				return c, true
			}
		}
	}
	return RouteSpec{}, false
}

// spec is the table's row for route r: same kind, and the same resource type
// unless the row takes any (a runbook opens for any resource).
func (rs Routes) spec(r Route) (RouteSpec, bool) {
	for _, s := range rs {
		if s.Route.Kind == r.Kind && (s.Route.RT == r.RT || s.Selected) {
			return s, true
		}
	}
	return RouteSpec{}, false
}

// Build makes the screen for r through its row of the table.
func (rs Routes) Build(r Route, d Deps) (Screen, error) {
	s, ok := rs.spec(r)
	if !ok || s.Build == nil {
		return nil, fmt.Errorf("no screen for %s %s", r.Kind, r.RT.Singular())
	}
	return s.Build(r, d)
}

// Complete completes the command word of line: a unique match is completed
// (with a trailing space), several extend to their common prefix; it returns
// the new line and the candidates.
func (rs Routes) Complete(line string) (string, []string) {
	if strings.Contains(line, " ") {
		return line, nil
	}
	var cands []string
	for _, c := range rs.words() {
		for _, w := range append([]string{c.Word}, c.Aliases...) {
			if strings.HasPrefix(w, line) {
				cands = append(cands, w)
			}
		}
	}
	sort.Strings(cands)
	switch len(cands) {
	case 0:
		return line, nil
	case 1:
		return cands[0] + " ", nil
	}
	prefix := cands[0]
	for _, c := range cands[1:] {
		for !strings.HasPrefix(c, prefix) {
			prefix = prefix[:len(prefix)-1]
		}
	}
	return prefix, cands
}

// Command is a parsed command line: a route to open, or a shell verb.
type Command struct {
	Spec  RouteSpec
	Route Route
	Quit  bool
	Help  bool
}

// Parse turns a command line into a Command; a bad line is an error that
// says what is expected.
func (rs Routes) Parse(line string) (Command, error) {
	fields := strings.Fields(line)
	if len(fields) == 0 {
		return Command{}, fmt.Errorf("empty command")
	}
	c, ok := rs.find(strings.ToLower(fields[0]))
	if !ok {
		var top []string
		for _, s := range rs {
			if s.Top {
				top = append(top, ":"+s.Word)
			}
		}
		return Command{}, fmt.Errorf("unknown command :%s (try %s, :q; ? lists them all, tab completes)", fields[0], strings.Join(top, ", "))
	}
	switch c.Word {
	case "quit":
		return Command{Spec: c, Quit: true}, nil
	case "help":
		return Command{Spec: c, Help: true}, nil
	}
	r := c.Route
	if c.NeedsID {
		if len(fields) != 2 {
			return Command{}, fmt.Errorf(":%s needs one numeric id, e.g. :%s 123", c.Word, c.Word)
		}
		id, perr := strconv.ParseInt(fields[1], 10, 64)
		if perr != nil || id <= 0 {
			return Command{}, fmt.Errorf(":%s %s: the id must be a positive number", c.Word, fields[1])
		}
		r.ID = id
	} else if len(fields) > 1 {
		return Command{}, fmt.Errorf(":%s takes no argument", c.Word)
	}
	return Command{Spec: c, Route: r}, nil
}

// helpName is a row's name in the help overlay: ":source ID".
func (c RouteSpec) helpName() string {
	if c.NeedsID {
		return ":" + c.Word + " ID"
	}
	return ":" + c.Word
}
