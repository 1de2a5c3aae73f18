package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// resolveVersion is the version a build reports. Release builds (make
// build) set it with -ldflags; a `go install module@v1.2.3` build has no
// ldflags but carries the module version, and a build from a checkout carries
// the VCS revision. "dev" only when none of these is known.
func resolveVersion(ldflags string, info *debug.BuildInfo) string {
	if ldflags != "" && ldflags != "dev" {
		return ldflags
	}
	if info == nil {
		return "dev"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v // Go stamps "+dirty" itself on modified checkouts
	}
	rev, modified := buildSetting(info, "vcs.revision"), buildSetting(info, "vcs.modified") == "true"
	if rev == "" {
		return "dev"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	v := "dev-" + rev
	if modified {
		v += "-dirty"
	}
	return v
}

func buildSetting(info *debug.BuildInfo, key string) string {
	for _, s := range info.Settings {
		if s.Key == key {
			return s.Value
		}
	}
	return ""
}

// readBuildInfo is debug.ReadBuildInfo with a nil for "not available".
func readBuildInfo() *debug.BuildInfo {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return nil
	}
	return info
}

// versionTemplate is --version's output; `version` prints the same first line.
const versionTemplate = "nexla-tui {{.Version}}\n"

// newVersionCommand prints the version line, then what the build knows of
// itself (for bug reports): Go version, platform, revision.
func newVersionCommand(g *Globals) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version (also --version)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			out := g.IO.Out
			fmt.Fprintf(out, "nexla-tui %s\n", g.Version)
			fmt.Fprintf(out, "go: %s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
			if info := readBuildInfo(); info != nil {
				for _, k := range []string{"vcs.revision", "vcs.time", "vcs.modified"} {
					if v := buildSetting(info, k); v != "" {
						fmt.Fprintf(out, "%s: %s\n", k, v)
					}
				}
			}
			return nil
		},
	}
}
