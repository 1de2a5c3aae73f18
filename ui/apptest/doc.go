// Package apptest drives the whole app (ui.App with the real views.Routes)
// through a real tea.Program (testkit.StartProgram) over the real HTTP
// client against the simulator. Its tests end each flow with a golden of
// the final frame at 80x24 and 160x48 with colours off:
// testdata/<Test>/<W>x<H>.golden, compared and rewritten (go test
// ./ui/apptest -update) by testkit.Golden, as in every package. The package
// holds only tests; this file gives it a name outside them.
package apptest
