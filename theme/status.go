package theme

import (
	"charm.land/lipgloss/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// Role is the semantic colour of a piece of text (a status cell, a step
// state): the theme maps it to a style, the glyphs to a mark. Tables carry
// roles, never escape sequences (they sanitize their cells).
type Role uint8

// Roles.
const (
	RoleNone Role = iota
	RoleOK
	RoleWarn
	RoleError
	RoleMuted
	RoleInfo
	RoleAccent
)

// StatusRole is the one mapping from a resource's state to its role: errors
// win, then state, then activity.
func StatusRole(status, runtime string, errors int64) Role {
	switch {
	case errors > 0:
		return RoleError
	case status == nexla.StatusRateLimited:
		return RoleWarn
	case runtime == nexla.RuntimeProcessing && status == nexla.StatusActive:
		return RoleInfo
	case status == nexla.StatusActive:
		return RoleOK
	}
	return RoleMuted // paused, initialising, unknown
}

// StatusGlyph is the mark that goes with StatusRole's answer.
func (g Glyphs) StatusGlyph(status, runtime string, errors int64) string {
	switch {
	case errors > 0:
		return g.Error
	case status == nexla.StatusPaused:
		return g.Paused
	case status == nexla.StatusRateLimited:
		return g.Warn
	case runtime == nexla.RuntimeProcessing && status == nexla.StatusActive:
		return g.Running
	case status == nexla.StatusActive:
		return g.OK
	case status == nexla.StatusInit:
		return g.Skipped
	}
	return g.Unknown
}

// Of is the mark of a role, for rows whose role is not a resource status
// (a health verdict).
func (g Glyphs) Of(r Role) string {
	switch r {
	case RoleOK:
		return g.OK
	case RoleWarn:
		return g.Warn
	case RoleError:
		return g.Error
	case RoleInfo:
		return g.Running
	}
	return g.Unknown
}

// Style is the role's style.
func (t *Theme) Style(r Role) lipgloss.Style {
	switch r {
	case RoleOK:
		return t.OK
	case RoleWarn:
		return t.Warn
	case RoleError:
		return t.Error
	case RoleMuted:
		return t.Muted
	case RoleInfo:
		return t.Info
	case RoleAccent:
		return t.Accent
	}
	return t.Text
}
