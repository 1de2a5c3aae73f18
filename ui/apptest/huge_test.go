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
// (truncated and wrapped) and the runbook, and ctrl+c still quits. (The
// old code also passes this path, at 28 s instead of 7-11 s: the freeze the
// soak saw needs the runbook detail's word wrap, which the linear-wrap
// tests in ui/components cover.)
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
	r.prog.Send(testkit.Key("ctrl+c"))
	r.prog.Final(t, waitLimit)
}
