//go:build unix

package config

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const cmdConfig = `
profiles:
  stage: { url: "https://stage.example.com", service_key_cmd: "pass show nexla/stage" }
  prod: { service_key_env: PROD_KEY }
`

// loadRecordingCommands loads profile from cfg and reports whether a *_cmd ran.
func loadRecordingCommands(t *testing.T, cfg, profile string) (ran bool, err error) {
	t.Helper()
	_, err = Load(Options{Profile: profile, Path: cfg, Getenv: envOf(map[string]string{"PROD_KEY": testKey}),
		RunCommand: func(context.Context, string) (string, error) { ran = true; return testKey, nil }})
	return ran, err
}

func TestConfigWithCommandRefusedWhenOthersCanWriteIt(t *testing.T) {
	cfg := writeConfig(t, cmdConfig)
	if err := os.Chmod(cfg, 0o666); err != nil {
		t.Fatal(err)
	}
	// Refused whichever profile is selected: the whole file is in doubt.
	for _, profile := range []string{"stage", "prod"} {
		ran, err := loadRecordingCommands(t, cfg, profile)
		if ran {
			t.Errorf("%s: ran a command from a world-writable config", profile)
		}
		if err == nil || !strings.Contains(err.Error(), "profiles.stage.service_key_cmd (a command nexla-tui would run)") || !strings.Contains(err.Error(), "chmod 600 "+cfg) {
			t.Errorf("%s: want a refusal naming the field and the fix, got %v", profile, err)
		}
	}
	if err := os.Chmod(cfg, 0o600); err != nil {
		t.Fatal(err)
	}
	if ran, err := loadRecordingCommands(t, cfg, "stage"); err != nil || !ran {
		t.Errorf("after chmod 600: ran=%v err=%v", ran, err)
	}
}

func TestConfigInWorldWritableDirectoryRefused(t *testing.T) {
	cfg := writeConfig(t, cmdConfig)
	dir := filepath.Dir(cfg)
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	if ran, err := loadRecordingCommands(t, cfg, "stage"); ran || err == nil || !strings.Contains(err.Error(), "chmod o-w "+dir) {
		t.Errorf("ran=%v err=%v", ran, err)
	}
}

func TestConfigOwnedByAnotherUserRefused(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("giving a file to another user needs root")
	}
	cfg := writeConfig(t, cmdConfig)
	if err := os.Chown(cfg, 65534, 65534); err != nil {
		t.Fatal(err)
	}
	if ran, err := loadRecordingCommands(t, cfg, "stage"); ran || err == nil || !strings.Contains(err.Error(), "sudo chown 0 "+cfg) {
		t.Errorf("ran=%v err=%v", ran, err)
	}
}

func TestUntrustedConfigWithoutCommandsOrURLsIsRead(t *testing.T) {
	cfg := writeConfig(t, "default_profile: prod\nprofiles:\n  prod: { service_key_env: PROD_KEY, url: \"\" }\nkeys: { quit: ctrl+q }\n")
	if err := os.Chmod(cfg, 0o666); err != nil {
		t.Fatal(err)
	}
	if _, err := loadRecordingCommands(t, cfg, ""); err != nil {
		t.Errorf("a config that can neither run nor redirect anything was refused: %v", err)
	}
	// A url alone is enough to refuse: it decides where the key is sent.
	cfg = writeConfig(t, "profiles:\n  prod: { service_key_env: PROD_KEY, url: \"https://elsewhere.example\" }\n")
	if err := os.Chmod(cfg, 0o666); err != nil {
		t.Fatal(err)
	}
	if _, err := loadRecordingCommands(t, cfg, "prod"); err == nil || !strings.Contains(err.Error(), "profiles.prod.url (where nexla-tui sends your credential)") {
		t.Errorf("url in a world-writable config: %v", err)
	}
}
