package cli

import (
	"context"
	"errors"
	"os"

	"github.com/nexla-tui/nexla-tui/config"
	"github.com/nexla-tui/nexla-tui/nexla"
)

// loadConfig reads the config file and resolves the configuration from the
// persistent flags and the environment: --profile/--config select the
// profile, NEXLA_* variables override it, --read-only is OR-ed with the
// profile's read_only. Every command goes through it, so a bad key or theme
// override fails `list` as it fails the TUI. With no credential it returns
// the rest of the configuration and nexla.ErrNoCredentials, unwrapped.
func (g *Globals) loadConfig() (config.Config, error) {
	getenv := g.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	return config.Load(config.Options{Profile: g.Profile, Path: g.ConfigPath, Getenv: getenv, ReadOnly: g.ReadOnly})
}

// Connect loads the configuration and builds a client: the access role is
// --access-role, else the profile's, else the client's default. Every
// failure is an *ExitError with Code 2 (wrapping nexla.ErrNoCredentials when
// that is why). Extra options (a logger, a clock) are appended after the
// defaults.
func (g *Globals) Connect(ctx context.Context, opts ...nexla.Option) (*nexla.Client, config.Config, error) {
	_ = ctx // settings resolution is local; the ctx is for symmetry with the calls that follow
	cfg, err := g.loadConfig()
	if err != nil {
		if errors.Is(err, nexla.ErrNoCredentials) {
			return nil, cfg, &ExitError{Code: 2, Err: err}
		}
		return nil, config.Config{}, &ExitError{Code: 2, Err: err}
	}
	version := g.Version
	if version == "" {
		version = "dev"
	}
	all := []nexla.Option{nexla.WithVersion(version)}
	role := cfg.AccessRole
	if g.AccessRole != "" {
		role = g.AccessRole // --access-role over the profile's
	}
	if role != "" {
		all = append(all, nexla.WithAccessRole(role))
	}
	all = append(all, opts...)
	c, err := nexla.New(cfg.Connection, all...)
	if err != nil {
		return nil, config.Config{}, &ExitError{Code: 2, Err: err}
	}
	return c, cfg, nil
}
