package apptest

import (
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
	"github.com/nexla-tui/nexla-tui/testkit"
)

// A source named with 10 MB (served over real HTTP through a rewriting
// proxy) shows cut with an ellipsis on the tree, the detail, its raw JSON
// (truncated and wrapped) and the runbook, whose step detail shows the name
// truncated and word-wrapped, and ctrl+c still quits. (The freeze the soak
// saw was that word wrap: quadratic in a word's length, over the whole name;
// names are now capped at 4 KB for display and the wrap is linear, which
// the tests in nexla/safetext and ui/components cover one by one.)
func TestTenMegabyteNameStaysResponsive(t *testing.T) {
	const name = "Orders Parquet Export"
	huge := name + strings.Repeat("x", 10<<20)
	r := startAppWith(t, 80, 24, setup{client: func(t *testing.T, env *simtest.Env) nexla.API {
		c, err := nexla.New(nexla.Settings{BaseURL: env.Rewriting(t, name, huge), ServiceKey: env.Sim.ServiceKey()})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}})
	r.ready()
	r.command("source 10013")
	f := r.waitText("Source 10013", name+"xxx")
	if !strings.Contains(f, "xx…") {
		t.Fatalf("the cut name shows no ellipsis:\n%s", f)
	}
	r.press("v")
	r.waitText(`"connector_type": "snowflake"`)
	for i := 0; !strings.Contains(r.settle(), `"name": "`+name+"xxx"); i++ {
		if i == 10 {
			t.Fatalf("no name line in the raw JSON:\n%s", r.settle())
		}
		r.press("pgdown") // on to the name, cut at the screen's edge
	}
	r.press("w", "end") // wrap the 10 MB line (130,000 rows of it) and go to the end
	r.waitFor("the wrapped raw JSON's end", func(f string) bool { return strings.Contains(f, `"updated_at"`) })
	r.press("pgup", "pgup")
	r.waitFor("the wrapped name", func(f string) bool { return strings.Count(f, strings.Repeat("x", 80)) >= 5 })
	r.press("v", "t")
	r.waitFor("the runbook", func(f string) bool {
		return strings.Contains(f, "Resource conflict") && strings.Contains(f, `flow "Orders Parquet`)
	})
	// The case that froze for good: the step whose detail shows the name
	// (6, Configuration: the source's config changes), the detail pane
	// focused, its word wrap turned off and on again (it starts on), so the
	// pane re-wraps the name, then scrolled through it.
	x53 := strings.Repeat("x", 53) // a full line of the detail pane at 80 columns
	r.press("6")
	r.waitText("6. Configuration", `source "Orders Parquet`)
	r.press("tab", "w")
	r.waitFor("the name cut at the pane's edge", func(f string) bool {
		return strings.Contains(f, "Exportxxx") && strings.Count(f, x53) == 0 && strings.Contains(f, "x…")
	})
	r.press("w")
	r.waitFor("the name word-wrapped again", func(f string) bool { return strings.Count(f, x53) >= 5 })
	r.press("pgdown", "pgdown")
	r.waitFor("the wrapped name scrolled", func(f string) bool {
		return strings.Count(f, x53) >= 5 && !strings.Contains(f, "6. Configuration")
	})
	checkSize(t, r.settle(), 80, 24)
	r.prog.Send(testkit.Key("ctrl+c"))
	r.prog.Final(t, waitLimit)
}
