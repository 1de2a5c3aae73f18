package apptest

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// listAll lists every resource of rt through the client as the tables do.
func listAll(t *testing.T, r *appRun, rt nexla.ResourceType, name string) []string {
	t.Helper()
	ctx, c := context.Background(), r.env.Client
	o := nexla.ListOptions{AccessRole: "collaborator", Name: name}
	var names []string
	var err error
	switch rt {
	case nexla.DataSources:
		var xs []nexla.Source
		xs, err = c.ListSources(ctx, o)
		for _, x := range xs {
			names = append(names, x.Name)
		}
	case nexla.DataSets:
		var xs []nexla.Nexset
		xs, err = c.ListNexsets(ctx, o)
		for _, x := range xs {
			names = append(names, x.Name)
		}
	case nexla.DataSinks:
		var xs []nexla.Destination
		xs, err = c.ListDestinations(ctx, o)
		for _, x := range xs {
			names = append(names, x.Name)
		}
	case nexla.DataCredentials:
		var xs []nexla.Credential
		xs, err = c.ListCredentials(ctx, o)
		for _, x := range xs {
			names = append(names, x.Name)
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	return names
}

// openTable runs `:cmd` from the loaded tree and waits for the table's
// summary to count every resource the API lists.
func openTable(t *testing.T, r *appRun, cmd, title string, rt nexla.ResourceType) string {
	t.Helper()
	r.ready()
	r.command(cmd)
	n := len(listAll(t, r, rt, ""))
	if n == 0 {
		t.Fatalf("the simulator lists no %s: the test would prove nothing", rt)
	}
	return r.waitText("Flows › "+title, title+" · "+strconv.Itoa(n)+" rows")
}

// (2) :sources, then / and a word: only the sources whose name holds it
// stay, as many as the API finds by name.
func TestSourcesFilter(t *testing.T) {
	t.Parallel()
	eachSize(t, func(t *testing.T, r *appRun) {
		openTable(t, r, "sources", "Sources", nexla.DataSources)
		want := listAll(t, r, nexla.DataSources, "orders")
		if len(want) < 2 {
			t.Fatalf("the simulator has %d sources named orders; the filter needs several", len(want))
		}
		r.press("/")
		r.typeText("orders")
		r.press("enter")
		total := len(listAll(t, r, nexla.DataSources, ""))
		f := r.waitText("filter: orders (" + strconv.Itoa(len(want)) + "/" + strconv.Itoa(total))
		for _, name := range want {
			if !strings.Contains(f, name) {
				t.Fatalf("the filtered table lacks %q:\n%s", name, f)
			}
		}
		if strings.Contains(f, "Vendor Invoices") {
			t.Fatalf("a source without 'orders' in its name survived the filter:\n%s", f)
		}
		r.finish()
	})
}

// (3) enter on a filtered source opens its detail with its related
// resources; v switches to the raw JSON of the same source.
func TestSourceDetailAndRawJSON(t *testing.T) {
	t.Parallel()
	eachSize(t, func(t *testing.T, r *appRun) {
		openTable(t, r, "sources", "Sources", nexla.DataSources)
		r.press("/")
		r.typeText("parquet")
		r.press("enter")
		r.waitText("filter: parquet (1/" + strconv.Itoa(len(listAll(t, r, nexla.DataSources, ""))))
		r.press("enter")
		r.waitText("› source 10013", "Source 10013 Orders Parquet Export", "Related (4)", "snowflake-warehouse")
		f := r.snapshot("fields")
		if !strings.Contains(rowOf(f, "credential "), "3005") {
			t.Fatalf("the related credential is not 3005:\n%s", f)
		}
		r.press("v")
		f = r.waitText("raw JSON (v: fields)", `"connector_type": "snowflake"`)
		if strings.Contains(f, "Related (4)") {
			t.Fatalf("v left the fields view on screen:\n%s", f)
		}
		r.finish()
	})
}

// (7) :credentials lists every credential the API lists.
func TestCredentialsTable(t *testing.T) {
	t.Parallel()
	eachSize(t, func(t *testing.T, r *appRun) {
		f := openTable(t, r, "credentials", "Credentials", nexla.DataCredentials)
		if !strings.Contains(f, "hubspot-crm-oauth") && r.h > 24 {
			t.Fatalf("the expired HubSpot credential is missing:\n%s", f)
		}
		r.finish()
	})
}

// (8) :destinations and :nexsets.
func TestDestinationsTable(t *testing.T) {
	t.Parallel()
	eachSize(t, func(t *testing.T, r *appRun) {
		openTable(t, r, "destinations", "Destinations", nexla.DataSinks)
		r.finish()
	})
}

func TestNexsetsTable(t *testing.T) {
	t.Parallel()
	eachSize(t, func(t *testing.T, r *appRun) {
		openTable(t, r, "nexsets", "Nexsets", nexla.DataSets)
		r.finish()
	})
}
