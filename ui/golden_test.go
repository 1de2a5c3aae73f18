package ui

import (
	"errors"
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// Goldens of the shell's own screens, colours off (ANSI stripped), at the
// two sizes the project supports. Regenerate with: go test ./ui -update
func TestShellGoldens(t *testing.T) {
	sizes := [][2]int{{80, 24}, {160, 48}}
	scenes := map[string]func(t *testing.T) *App{
		"onboarding": func(t *testing.T) *App {
			return newHarness(t, func(c *AppConfig) {
				c.Onboarding = &OnboardingInfo{Reason: nexla.ErrNoCredentials.Error(),
					ConfigPath: "/home/oncall/.config/nexla-tui/config.yaml", Profiles: []string{"prod", "staging"}}
				c.DemoAvailable = true
				c.StartDemo = func() (nexla.API, func(), error) { return nil, nil, errors.New("unused") }
			}).app
		},
		"help": func(t *testing.T) *App {
			a := newHarness(t, nil).app
			press(a, "?")
			return a
		},
		"confirm": func(t *testing.T) *App {
			h, _ := confirmHarness(t, false)
			return h.app
		},
		"error": func(t *testing.T) *App {
			return newHarness(t, func(c *AppConfig) {
				c.Deps.API = fakeAPI{err: &nexla.APIError{Kind: nexla.KindAuthentication, Method: "GET",
					Path: "/users/current", Status: 401, Message: "invalid service key"}}
			}).app
		},
		"command": func(t *testing.T) *App {
			a := newHarness(t, nil).app
			press(a, ":")
			typeText(a, "de")
			press(a, "tab")
			return a
		},
	}
	for name, build := range scenes {
		for _, sz := range sizes {
			t.Run(fmt.Sprintf("%s_%dx%d", name, sz[0], sz[1]), func(t *testing.T) {
				a := build(t)
				a.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
				out := plain(a)
				assertFrame(t, out, sz[0], sz[1])
				golden(t, fmt.Sprintf("%s_%dx%d", name, sz[0], sz[1]), out)
			})
		}
	}
	a := newHarness(t, nil).app
	a.Update(tea.WindowSizeMsg{Width: 20, Height: 5})
	golden(t, "minsize_20x5", plain(a))
}
