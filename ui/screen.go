// Package ui is the app shell: the Screen contract, the root model with its
// screen stack and breadcrumbs, layout, header/footer, toasts, the confirm
// modal, the command line and the help overlay. Screens live in views/; the
// shell reaches them only through the route table it is given (Routes), so ui
// never imports views.
package ui

import (
	"log/slog"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/keymap"
	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/theme"
)

// Screen is one pane of the stack.
type Screen interface {
	Init() tea.Cmd
	Update(tea.Msg) (Screen, tea.Cmd)
	// View renders exactly the size given by SetSize: never more lines, never wider.
	View() string
	SetSize(w, h int)
	// Title is the breadcrumb label.
	Title() string
	// ShortHelp is the footer's actions; FullHelp every action of the
	// screen, for help and for the shell, which refuses a Mutates one in
	// read-only mode before the screen sees its key.
	ShortHelp() []keymap.Action
	FullHelp() [][]keymap.Action
	// CapturesInput is true while a text field has focus: global keys step aside.
	CapturesInput() bool
}

// Deps travel to every screen at construction; there is no package state.
type Deps struct {
	API   nexla.API
	Theme *theme.Theme
	Keys  keymap.Global
	// ScreenKeys are the screens' own keys (zero: the defaults).
	ScreenKeys keymap.Screens
	Now        func() time.Time
	Log        *slog.Logger
	ReadOnly   bool
	// AccessRole is sent with every list call. Without it Nexla lists only
	// what the caller owns; on-call engineers need everything they can see,
	// so the default is "collaborator" (collaborator-or-higher = all visible).
	AccessRole string
	// Terminal says how notifications and OSC 52 reach the user's terminal
	// (protocol, tmux/screen passthrough); read from the environment by the CLI.
	Terminal Terminal
	// Profile and LogPath are shown in the header and in help.
	Profile string
	LogPath string
	// StateDir is where bulk actions keep their checkpoints
	// ($XDG_STATE_HOME/nexla-tui); "" keeps none (a batch then cannot be
	// resumed after an interruption, and the screen says so).
	StateDir string
	// Actions is this session's log of changes (`:actions`): the shell
	// records every confirmed mutation and its outcome; screens read it.
	Actions *ActionLog
	// Banner is the profile's header badge (e.g. "PROD"), drawn first in the
	// theme's Banner style; "" draws none.
	Banner string
	// Health is the session's one org health check, shared by the flows
	// tree and `:health` (same rows, same counts, no second check), with the
	// profile's SLA in its options. nil: a screen makes its own.
	Health *runbook.HealthShare
	// Watches are the shell's watches (watch.go): screens read them, only
	// the shell changes them. NewApp makes one when none is given.
	Watches *Watches
	// Location is the zone times are shown in (config time_zone); nil: the
	// local zone. Screens that show times name the zone.
	Location *time.Location
	// Console turns resources into links to Nexla's web console (ui_url).
	Console ConsoleLinks
	// ReportDir is where saved reports go ($XDG_STATE_HOME/nexla-tui/reports);
	// "": no private place, nothing is saved.
	ReportDir string
}

// RouteKind names a screen family.
type RouteKind string

// Routes the factory knows.
const (
	RouteFlows   RouteKind = "flows"   // flows tree
	RouteList    RouteKind = "list"    // resource table of RT
	RouteDetail  RouteKind = "detail"  // one resource RT/ID (RT may be Flows)
	RouteRunbook RouteKind = "runbook" // troubleshooting runbook for RT/ID
	RouteHealth  RouteKind = "health"  // org-wide health overview
	RouteBlast   RouteKind = "blast"   // the flows a credential breaks, or a shared nexset feeds (RT/ID)
	RouteAccess  RouteKind = "access"  // who has access to RT/ID
	// RouteNotifications is the org's notifications, RouteActions the
	// session's log of changes.
	RouteNotifications RouteKind = "notifications"
	RouteActions       RouteKind = "actions"
	RouteLogs          RouteKind = "logs" // the logs of RT/ID (a flow or resource), or of one run of it
)

// Route says which screen to open.
type Route struct {
	Kind RouteKind
	RT   nexla.ResourceType
	ID   int64
	// Run is one run of the flow (the logs route); 0: a time window.
	Run int64
}

// Factory builds the screen for a route: a route table row's builder.
type Factory func(r Route, d Deps) (Screen, error)

// NavigateMsg asks the shell to push the screen for Route.
type NavigateMsg struct{ Route Route }

// Navigate is a Cmd that pushes a route.
func Navigate(r Route) tea.Cmd { return func() tea.Msg { return NavigateMsg{Route: r} } }

// ShowMsg asks the shell to push a screen the asking screen built itself
// (a bulk action's per-item results: they exist only in that screen's
// memory, so no route can rebuild them).
type ShowMsg struct{ Screen Screen }

// Show is a Cmd that pushes s.
func Show(s Screen) tea.Cmd { return func() tea.Msg { return ShowMsg{Screen: s} } }

// BackMsg asks the shell to pop the current screen.
type BackMsg struct{}

// ToastLevel is a toast's severity.
type ToastLevel int

// Toast levels.
const (
	ToastInfo ToastLevel = iota
	ToastWarn
	ToastError
)

// ToastMsg shows a transient message in the shell.
type ToastMsg struct {
	Level ToastLevel
	Text  string
}

// Toast is a Cmd that shows a toast.
func Toast(level ToastLevel, text string) tea.Cmd {
	return func() tea.Msg { return ToastMsg{Level: level, Text: text} }
}

// ConfirmRequest is what the confirm modal names for a Mutation: the
// resource, its id, the action and what else changes. Focus starts on "No";
// Enter alone never confirms.
type ConfirmRequest struct {
	Title    string   // e.g. "Pause flow"
	Resource string   // e.g. `source "orders-s3" (id 5012)`
	Action   string   // the verb, e.g. "pause"
	Effects  []string // downstream nodes that change state
	// Notes are what the user should know before deciding ("paused by
	// priya@acme.io 4 d ago"); Warnings are what would go wrong (the
	// server would refuse to activate the flow again), drawn to be read.
	Notes    []string
	Warnings []string
}

// VisibilityMsg tells a screen whether it is on top (for pausing polling).
type VisibilityMsg struct{ Visible bool }

// Selection is what a screen's cursor is on.
type Selection struct {
	RT     nexla.ResourceType
	ID     int64
	Name   string
	FlowID int64 // origin node id of the flow it belongs to, when known
}

// Selectable screens expose their selection; the shell uses it for copy
// (y/Y via OSC 52) and for opening the runbook (t).
type Selectable interface {
	Selected() (Selection, bool)
}

// RefreshMsg asks the top screen to reload its data: sent on `r` and by the
// auto-refresh ticker (which pauses while a modal is open or the screen is hidden).
type RefreshMsg struct{}
