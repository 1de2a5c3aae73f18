// Command nexla-tui explores and troubleshoots Nexla data flows.
package main

import (
	"os"

	"github.com/nexla-tui/nexla-tui/cli"
)

// version is set at build time with -ldflags "-X main.version=..." (make
// build); without it (go install) the CLI reads the module version or VCS
// revision from the build info.
var version = "dev"

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}, version))
}
