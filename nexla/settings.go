package nexla

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// DefaultBaseURL is the SDK's default API endpoint.
const DefaultBaseURL = "https://dataops.nexla.io/nexla-api"

// Environment variables read exactly as the official SDK reads them (the
// config package resolves them; they are named here, with the client, because
// they are the SDK's contract).
const (
	EnvServiceKey  = "NEXLA_SERVICE_KEY"
	EnvAccessToken = "NEXLA_ACCESS_TOKEN"
	EnvAPIURL      = "NEXLA_API_URL"
)

// ErrNoCredentials means neither a service key nor an access token was found
// in the environment or the selected profile.
var ErrNoCredentials = errors.New("no Nexla credentials: set " + EnvServiceKey + " (preferred) or " + EnvAccessToken +
	", or select a profile with --profile (config: $XDG_CONFIG_HOME/nexla-tui/config.yaml)")

// Settings is everything needed to connect, and nothing else: the access
// role is an Option (WithAccessRole), and what the TUI reads from the config
// file (keys, theme, the profile's look) lives in the config package.
// ServiceKey and AccessToken are secrets: String, GoString, Format and
// MarshalJSON redact them (slog's handlers go through Format or MarshalJSON).
type Settings struct {
	Profile     string
	BaseURL     string
	ServiceKey  string
	AccessToken string
	ReadOnly    bool
}

// AuthMode names the credential in use: "service key", "access token" or "none".
func (s Settings) AuthMode() string {
	switch {
	case s.ServiceKey != "":
		return "service key"
	case s.AccessToken != "":
		return "access token"
	}
	return "none"
}

// String describes the settings with secrets redacted.
func (s Settings) String() string {
	return fmt.Sprintf("nexla.Settings{Profile:%q BaseURL:%q ServiceKey:%s AccessToken:%s ReadOnly:%t}",
		s.Profile, s.BaseURL, redactSecret(s.ServiceKey), redactSecret(s.AccessToken), s.ReadOnly)
}

// GoString is String: %#v must not leak secrets either.
func (s Settings) GoString() string { return s.String() }

// Format makes every fmt verb (%v, %+v, %#v, %s, %q) use the redacted form.
func (s Settings) Format(f fmt.State, verb rune) {
	if verb == 'q' {
		fmt.Fprintf(f, "%q", s.String())
		return
	}
	_, _ = f.Write([]byte(s.String()))
}

// MarshalJSON keeps secrets out of JSON dumps and slog's JSON handler.
func (s Settings) MarshalJSON() ([]byte, error) {
	return []byte(fmt.Sprintf(`{"profile":%q,"base_url":%q,"auth":%q,"read_only":%t}`,
		s.Profile, s.BaseURL, s.AuthMode(), s.ReadOnly)), nil
}

// NormalizeBaseURL checks u is an absolute http(s) URL and strips trailing slashes.
func NormalizeBaseURL(u string) (string, error) {
	u = strings.TrimRight(strings.TrimSpace(u), "/")
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return "", fmt.Errorf("invalid API URL %q: want an absolute http(s) URL such as %s", u, DefaultBaseURL)
	}
	if p.User != nil {
		return "", fmt.Errorf("invalid API URL: it must not contain a user name or password")
	}
	if p.RawQuery != "" || p.Fragment != "" {
		return "", fmt.Errorf("invalid API URL %q: it must not contain a query or fragment", p.Scheme+"://"+p.Host+p.Path)
	}
	return u, nil
}
