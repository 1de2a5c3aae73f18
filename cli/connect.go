package cli

import (
	"context"
	"os"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// Connect resolves settings from the persistent flags and the environment and
// builds a client: --profile/--config select the profile, NEXLA_* variables
// override it, and --read-only or the profile's read_only makes the client
// refuse changes. Every failure is an *ExitError with Code 2. Extra options
// (a logger, a clock) are appended after the defaults.
func (g *Globals) Connect(ctx context.Context, opts ...nexla.Option) (*nexla.Client, nexla.Settings, error) {
	_ = ctx // settings resolution is local; the ctx is for symmetry with the calls that follow
	getenv := g.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	s, err := nexla.LoadSettings(nexla.LoadOptions{
		Profile:    g.Profile,
		ConfigPath: g.ConfigPath,
		Getenv:     getenv,
		ReadOnly:   g.ReadOnly,
	})
	if err != nil {
		return nil, nexla.Settings{}, &ExitError{Code: 2, Err: err}
	}
	version := g.Version
	if version == "" {
		version = "dev"
	}
	all := []nexla.Option{nexla.WithVersion(version)}
	if g.AccessRole != "" {
		all = append(all, nexla.WithAccessRole(g.AccessRole)) // --access-role over the profile's
	}
	all = append(all, opts...)
	c, err := nexla.New(s, all...)
	if err != nil {
		return nil, nexla.Settings{}, &ExitError{Code: 2, Err: err}
	}
	return c, s, nil
}
